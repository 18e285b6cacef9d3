package dev.jahiz.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jahiz.client.Counters;
import dev.jahiz.client.JahizClient;
import dev.jahiz.testing.FakeBotApi;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A Bot API that accepts connections and never answers must not reach the application. */
class BackpressureTest {
  private static final int CALLS = 100_000;
  @RegisterExtension @Order(1) final BotApiFixture bot = new BotApiFixture();
  @RegisterExtension @Order(2) final Log4jContexts log4j = new Log4jContexts();
  @RegisterExtension @Order(3) final StatusCapture status = StatusCapture.start();
  private final FakeBotApi api = bot.api;

  @Test
  void aHundredThousandErrorsCompleteAndTheQueueStaysBounded() {
    api.hang();
    LoggerContext context = log4j.start("log4j2-hanging.xml");
    JahizAppender appender = Log4jContexts.jahiz(context, "jahiz");
    Logger log = context.getLogger("com.shop.checkout.PaymentService");

    for (int i = 0; i < CALLS; i++) {
      log.error("storm {}", i % 7, new IllegalStateException("boom " + i));
    }

    Counters counters = JahizCounters.of(appender);
    assertThat(counters.accepted() + counters.dropped()).isEqualTo(CALLS);
    assertThat(counters.dropped()).isPositive();
    assertThat(counters.queueDepth()).isLessThanOrEqualTo(100);
    assertThat(counters.queueBytes()).isLessThanOrEqualTo(JahizClient.DEFAULT_QUEUE_BYTES);
    assertThat(status.warnings()).anyMatch(s -> s.contains("Jahiz appender 'jahiz'") && s.contains("dropped"));

    // closeTimeout="500ms": the stop gives up on the hanging Bot API instead of holding up exit.
    context.stop();
    assertThat(status.warnings()).anyMatch(s -> s.contains("not delivered") && s.contains("close timeout"));
  }
}
