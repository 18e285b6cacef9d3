package dev.jahiz.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Configuration that cannot work is said on the StatusLogger, by setting, and the app runs on. */
class MisconfigurationTest {
  @RegisterExtension @Order(1) final FakeReceiver receiver = new FakeReceiver();
  @RegisterExtension @Order(2) final Log4jContexts log4j = new Log4jContexts();
  @RegisterExtension @Order(3) final StatusCapture status = StatusCapture.start();

  @Test
  void aBrokenAppenderIsLeftOutNamingEachSettingAndTheRestOfLoggingWorks() {
    LoggerContext context = log4j.start("log4j2-misconfigured.xml");

    assertThat(context.isStarted()).isTrue();
    assertThat(context.getConfiguration().<JahizAppender>getAppender("broken")).isNull();
    String said = String.join("\n", status.warnings());
    assertThat(said).contains("Jahiz appender 'broken' is not started")
        .contains("queueCapacity must be a whole number, was: lots")
        .contains("minimumLevel must be one of FATAL, ERROR, WARN")
        .contains("maxMessagesPerMinute must be at least 1")
        .contains("both receiverUrl and botToken are set");
    assertThat(String.join("\n", status.all())).doesNotContain("AAF-never-print-this");

    Logger log = context.getLogger("com.shop.checkout.PaymentService");
    log.error("still reported by the working appender");
    await().until(() -> receiver.reports().size() == 1);
    assertThat(receiver.reports().get(0).errorMessage()).isEqualTo("still reported by the working appender");
  }

  @Test
  void unsetEnvironmentVariablesCountAsUnsetAndNoDestinationIsSaid() {
    assumeThat(System.getenv("TELEGRAM_BOT_TOKEN")).as("this machine configures Jahiz through its environment").isNull();
    assumeThat(System.getenv("JAHIZ_RECEIVER_URL")).isNull();

    LoggerContext context = log4j.start("log4j2-unresolved.xml");

    assertThat(context.isStarted()).isTrue();
    assertThat(context.getConfiguration().<JahizAppender>getAppender("jahiz")).isNull();
    assertThat(status.warnings())
        .anyMatch(s -> s.contains("botToken has an unresolved lookup"))
        .anyMatch(s -> s.startsWith("WARN ") && s.contains("no destination: set botToken and chatId"));
    // Logging to a configuration without the appender is harmless.
    context.getLogger("com.shop.Any").error("nobody listens");
  }
}
