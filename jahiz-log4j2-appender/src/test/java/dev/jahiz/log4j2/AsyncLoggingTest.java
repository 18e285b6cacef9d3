package dev.jahiz.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jahiz.report.ErrorReport;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.async.AsyncLoggerConfig;
import org.apache.logging.log4j.message.StringMapMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * AsyncLogger reuses ring-buffer events and AsyncAppender hands events over to its own thread:
 * each report must still carry its own event's message, context, thread and fields.
 */
class AsyncLoggingTest {
  private static final int EVENTS = 60;
  @RegisterExtension @Order(1) final FakeReceiver receiver = new FakeReceiver();
  @RegisterExtension @Order(2) final Log4jContexts log4j = new Log4jContexts();
  private LoggerContext context;

  @BeforeEach
  void start() {
    context = log4j.start("log4j2-async.xml");
  }

  @Test
  void asyncLoggerEventsKeepTheirOwnFields() {
    Logger log = context.getLogger("com.shop.async.Orders");
    assertThat(((org.apache.logging.log4j.core.Logger) log).get()).isInstanceOf(AsyncLoggerConfig.class);

    logBurst(log);

    assertEachReportIsItsOwnEvent();
  }

  @Test
  void eventsThroughAnAsyncAppenderKeepTheirOwnFields() {
    Logger log = context.getLogger("com.shop.queued.Orders");
    assertThat(((org.apache.logging.log4j.core.Logger) log).get()).isNotInstanceOf(AsyncLoggerConfig.class);

    logBurst(log);

    assertEachReportIsItsOwnEvent();
  }

  private static void logBurst(Logger log) {
    for (int i = 0; i < EVENTS; i++) {
      ThreadContext.put("request_url", "/orders/" + i);
      log.error(new StringMapMessage().with("message", "order " + i + " failed").with("order_id", String.valueOf(i)));
    }
  }

  private void assertEachReportIsItsOwnEvent() {
    await().until(() -> receiver.reports().size() == EVENTS);
    List<ErrorReport> reports = receiver.reports().stream()
        .sorted(Comparator.comparingInt(r -> Integer.parseInt((String) r.metadata().get("order_id"))))
        .collect(Collectors.toList());
    for (int i = 0; i < EVENTS; i++) {
      ErrorReport r = reports.get(i);
      assertThat(r.errorMessage()).isEqualTo("order " + i + " failed");
      assertThat(r.metadata()).isEqualTo(Map.of("order_id", String.valueOf(i)));
      assertThat(r.context().requestUrl()).isEqualTo("/orders/" + i);
      assertThat(r.thread()).as("the thread that logged, not Log4j's").isEqualTo(Thread.currentThread().getName());
    }
  }
}
