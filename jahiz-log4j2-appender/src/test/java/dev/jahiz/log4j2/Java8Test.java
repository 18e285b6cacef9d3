package dev.jahiz.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jahiz.testing.Java8Jvm;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.List;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.junit.jupiter.api.Test;

/**
 * On Java 8, where jahiz-core (Java 11) cannot load, Log4j still loads the {@code <Jahiz>} plugin
 * and its builder, the appender says on the StatusLogger that Jahiz needs Java 11 (a WARN, no
 * ERROR), and the app logs on. Simulated with {@link Java8Jvm}, which refuses Jahiz class files
 * newer than Java 8's and gives the app a Log4j of its own.
 */
class Java8Test {
  @Test
  void theClassesLog4jLoadsAreJava8Bytecode() throws Exception {
    for (Class<?> type : List.of(JahizAppender.class, JahizAppenderBuilder.class, Log4jReporter.class,
        JahizCounters.class)) {
      try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
        assertThat(Java8Jvm.majorVersion(in.readAllBytes())).as(type.getName()).isEqualTo(Java8Jvm.JAVA_8);
      }
    }
    assertThat(JahizAppenderBuilder.runsJahizCore("1.8")).isFalse();
    assertThat(JahizAppenderBuilder.runsJahizCore("11")).isTrue();
    assertThat(JahizAppenderBuilder.runsJahizCore("25")).isTrue();
  }

  @Test
  void onJava8TheAppenderSaysJahizNeedsJava11AndTheAppLogsOn() throws Exception {
    Java8Jvm java8 = new Java8Jvm(getClass().getClassLoader(), "org.apache.logging.log4j.", Java8App.class.getName());

    String real = System.getProperty("java.specification.version");
    System.setProperty("java.specification.version", "1.8");
    List<String> said;
    try {
      said = runApp(java8);
    } finally {
      System.setProperty("java.specification.version", real);
    }

    assertThat(said).contains("WARN Jahiz appender 'jahiz' is off: Jahiz needs Java 11 or later, this JVM is Java"
        + " 1.8. The application runs on; no error reports are sent.");
    assertThat(said).filteredOn(s -> s.startsWith("ERROR") || s.startsWith("FATAL")).isEmpty();
    assertThat(said).contains("APPENDER JahizAppender(jahiz, off, level>=ERROR)");
    assertThat(java8.refused()).isEmpty();
  }

  @Test
  void evenPastTheVersionCheckAJahizCoreThatCannotLoadIsContained() throws Exception {
    Java8Jvm java8 = new Java8Jvm(getClass().getClassLoader(), "org.apache.logging.log4j.", Java8App.class.getName());

    List<String> said = runApp(java8); // this JVM says 17, so the builder goes on to jahiz-core's Java 11 classes

    assertThat(java8.refused()).isNotEmpty();
    assertThat(said).anyMatch(s -> s.startsWith("WARN Jahiz appender 'jahiz' is off: jahiz-core cannot be loaded"
        + " (java.lang.UnsupportedClassVersionError: dev.jahiz."));
    assertThat(said).filteredOn(s -> s.startsWith("ERROR") || s.startsWith("FATAL")).isEmpty();
    assertThat(said).contains("APPENDER JahizAppender(jahiz, off, level>=ERROR)");
  }

  /** The app in the Java 8 loader, with every attribute of {@code <Jahiz>} set, as Log4j injects them. */
  @SuppressWarnings("unchecked")
  private static List<String> runApp(Java8Jvm java8) throws Exception {
    StringBuilder attributes = new StringBuilder();
    int count = 0;
    for (Field f : JahizAppenderBuilder.class.getDeclaredFields()) {
      if (f.isAnnotationPresent(PluginBuilderAttribute.class)) {
        attributes.append(' ').append(f.getName()).append("=\"").append(f.getType() == String.class ? "1" : "")
            .append('"');
        count++;
      }
    }
    assertThat(count).isGreaterThan(30);
    String xml = "<Configuration status=\"warn\"><Appenders>"
        + "<Jahiz name=\"jahiz\"" + attributes + "><Property name=\"region\" value=\"eu\"/></Jahiz>"
        + "</Appenders><Loggers><Root level=\"info\"><AppenderRef ref=\"jahiz\"/></Root></Loggers></Configuration>";
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(java8);
    try {
      Class<?> app = java8.loadClass(Java8App.class.getName());
      return (List<String>) app.getMethod("run", String.class).invoke(null, xml);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
