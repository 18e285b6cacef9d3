package dev.jahiz.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Log4j whose classes do not match those Jahiz was compiled against: the app's logging calls
 * return normally, the incompatibility is told once, and the appender stops reporting.
 */
class VersionSkewTest {
  @RegisterExtension @Order(1) final FakeReceiver receiver = new FakeReceiver();
  @RegisterExtension @Order(2) final Log4jContexts log4j = new Log4jContexts();
  @RegisterExtension @Order(3) final StatusCapture status = StatusCapture.start();

  @Test
  void anEventApiJahizCannotCallDisablesTheAppenderOnceAndLoggingReturnsNormally() {
    LoggerContext context = log4j.start("log4j2-receiver.xml");
    JahizAppender appender = Log4jContexts.jahiz(context, "jahiz");
    LogEvent skewed = new Log4jLogEvent.Builder().setLoggerName("com.shop.Skewed")
        .setLevel(org.apache.logging.log4j.Level.ERROR).setMessage(new SimpleMessage("skewed")).build();
    LogEvent missingMethod = withoutContextData(skewed);

    for (int i = 0; i < 3; i++) {
      appender.append(missingMethod);
    }
    context.getLogger("com.shop.After").error("after the incompatibility: nothing is sent, nothing is thrown");
    context.stop();

    assertThat(status.warnings()).filteredOn(s -> s.contains("Jahiz")).singleElement().asString()
        .startsWith("ERROR Jahiz appender 'jahiz' is disabled: it could not report an event"
            + " (java.lang.NoSuchMethodError: ").contains("Found Log4j 2.", "; Jahiz needs Log4j 2.17 to 2.26 on Java 11+");
    assertThat(receiver.reports()).isEmpty();
  }

  /** An event from a Log4j without the context-data API Jahiz reads the ThreadContext through. */
  private static LogEvent withoutContextData(LogEvent event) {
    return (LogEvent) Proxy.newProxyInstance(LogEvent.class.getClassLoader(), new Class<?>[] {LogEvent.class},
        (proxy, method, args) -> {
          if (method.getName().equals("getContextData")) {
            throw new NoSuchMethodError("'org.apache.logging.log4j.util.ReadOnlyStringMap"
                + " org.apache.logging.log4j.core.LogEvent.getContextData()'");
          }
          try {
            return method.invoke(event, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
