package dev.jahiz.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.status.Status;
import dev.jahiz.testing.Java8Jvm;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * On Java 8, where jahiz-core (Java 11) cannot load, the appender still loads, takes its settings,
 * says that Jahiz needs Java 11 (a WARN, so Spring Boot still starts), and the app logs on.
 * Simulated with {@link Java8Jvm}, which refuses Jahiz class files newer than Java 8's.
 */
class Java8Test {
  private final LoggerContext context = new LoggerContext();

  @Test
  void theAppenderClassesAreJava8Bytecode() throws Exception {
    for (Class<?> type : List.of(JahizAppender.class, LogbackReporter.class, EventApi.class)) {
      try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
        assertThat(Java8Jvm.majorVersion(in.readAllBytes())).as(type.getName()).isEqualTo(Java8Jvm.JAVA_8);
      }
    }
    assertThat(JahizAppender.runsJahizCore("1.8")).isFalse();
    assertThat(JahizAppender.runsJahizCore("11")).isTrue();
    assertThat(JahizAppender.runsJahizCore("25")).isTrue();
  }

  @Test
  void onJava8TheAppenderSaysJahizNeedsJava11AndTheAppLogsOn() throws Exception {
    Java8Jvm java8 = new Java8Jvm(getClass().getClassLoader());
    Appender<ILoggingEvent> appender = configuredAsJoranWould(java8);

    String real = System.getProperty("java.specification.version");
    System.setProperty("java.specification.version", "1.8");
    try {
      appender.start();
    } finally {
      System.setProperty("java.specification.version", real);
    }
    Logger log = context.getLogger("com.acme.Legacy");
    log.addAppender(appender);
    log.error("the app logs on", new IllegalStateException("boom"));

    assertThat(appender.isStarted()).isFalse();
    assertThat(statuses(Status.WARN)).anyMatch(m -> m.equals("Jahiz appender is off: Jahiz needs Java 11 or later,"
        + " this JVM is Java 1.8. The application runs on; no error reports are sent."));
    assertThat(statuses(Status.ERROR)).isEmpty();
    assertThat(java8.refused()).isEmpty();
  }

  @Test
  void evenPastTheVersionCheckAJahizCoreThatCannotLoadIsContained() throws Exception {
    Java8Jvm java8 = new Java8Jvm(getClass().getClassLoader());
    Appender<ILoggingEvent> appender = configuredAsJoranWould(java8);

    appender.start(); // this JVM says 17, so start goes on and meets jahiz-core's Java 11 classes
    context.getLogger("com.acme.Legacy").error("the app logs on");

    assertThat(appender.isStarted()).isFalse();
    assertThat(java8.refused()).isNotEmpty();
    assertThat(statuses(Status.WARN)).anyMatch(m -> m.startsWith("Jahiz appender is off: jahiz-core cannot be loaded"
        + " (java.lang.UnsupportedClassVersionError: dev.jahiz."));
    assertThat(statuses(Status.ERROR)).isEmpty();
  }

  /** A fresh appender from the Java 8 loader, every setter called the way Joran calls them. */
  @SuppressWarnings("unchecked")
  private Appender<ILoggingEvent> configuredAsJoranWould(Java8Jvm java8) throws Exception {
    Class<?> type = java8.loadClass(JahizAppender.class.getName());
    Appender<ILoggingEvent> appender = (Appender<ILoggingEvent>) type.getConstructor().newInstance();
    appender.setContext(context);
    appender.setName("JAHIZ");
    int setters = 0;
    for (Method m : type.getDeclaredMethods()) {
      boolean setter = m.getName().startsWith("set") || m.getName().startsWith("add");
      if (setter && Modifier.isPublic(m.getModifiers()) && m.getParameterCount() == 1) {
        Class<?> p = m.getParameterTypes()[0];
        m.invoke(appender, p == boolean.class ? (Object) Boolean.TRUE : "TELEGRAM_BOT_TOKEN_IS_UNDEFINED");
        setters++;
      }
    }
    assertThat(setters).isGreaterThan(30);
    return appender;
  }

  private List<String> statuses(int level) {
    List<String> out = new ArrayList<>();
    for (Status s : context.getStatusManager().getCopyOfStatusList()) {
      if (s.getLevel() == level) {
        out.add(s.getMessage());
      }
    }
    return out;
  }
}
