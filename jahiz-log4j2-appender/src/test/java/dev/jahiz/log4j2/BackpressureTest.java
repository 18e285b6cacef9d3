package dev.jahiz.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jahiz.client.Counters;
import dev.jahiz.client.JahizClient;
import dev.jahiz.testing.FakeBotApi;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A Bot API that accepts connections and never answers must not reach the application. */
class BackpressureTest {
  private static final int CALLS = 100_000;
  private final FakeBotApi api = new FakeBotApi();
  private final StatusCapture status = StatusCapture.start();
  private LoggerContext context;

  @BeforeEach
  void pointAtTheBotApi() {
    System.setProperty("jahiz.test.api", api.url());
    System.setProperty("jahiz.test.token", FakeBotApi.TOKEN);
  }

  @AfterEach
  void tearDown() {
    if (context != null) {
      context.stop();
    }
    status.close();
    api.close();
  }

  @Test
  void aHundredThousandErrorsCompleteAndTheQueueStaysBounded() {
    api.hang();
    context = Log4jContexts.start("log4j2-hanging.xml");
    JahizAppender appender = Log4jContexts.jahiz(context, "jahiz");
    Logger log = context.getLogger("com.shop.checkout.PaymentService");

    for (int i = 0; i < CALLS; i++) {
      log.error("storm {}", i % 7, new IllegalStateException("boom " + i));
    }

    Counters counters = appender.counters();
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
