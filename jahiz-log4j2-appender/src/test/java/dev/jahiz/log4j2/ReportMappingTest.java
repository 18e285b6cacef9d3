package dev.jahiz.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jahiz.report.ErrorReport;
import dev.jahiz.report.Severity;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.message.StringMapMessage;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What arrives at a receiver for a Log4j event, field by field. */
class ReportMappingTest {
  @RegisterExtension @Order(1) final FakeReceiver receiver = new FakeReceiver();
  @RegisterExtension @Order(2) final Log4jContexts log4j = new Log4jContexts();
  private LoggerContext context;

  private Logger logger(String config) {
    context = log4j.start(config);
    return context.getLogger("com.shop.checkout.PaymentService");
  }

  private ErrorReport onlyReport() {
    await().until(() -> !receiver.reports().isEmpty());
    context.stop();
    assertThat(receiver.reports()).hasSize(1);
    assertThat(receiver.rejections()).isEmpty();
    return receiver.reports().get(0);
  }

  @Test
  void threadContextGoesToUserRequestTagsAndMetadata() {
    Logger log = logger("log4j2-receiver.xml");
    ThreadContext.put("user_id", "u-77");
    ThreadContext.put("username", "alice");
    ThreadContext.put("email", "alice@example.com");
    ThreadContext.put("session_id", "s-1");
    ThreadContext.put("ip_address", "203.0.113.9");
    ThreadContext.put("request_url", "/api/orders/1042");
    ThreadContext.put("request_method", "POST");
    ThreadContext.put("response_status", "500");
    ThreadContext.put("tenant", "acme");
    ThreadContext.put("trace_id", "4bf92f3577b34da6");
    Instant before = Instant.now();

    log.error("order 1042 could not be charged");

    ErrorReport r = onlyReport();
    assertThat(r.severity()).isEqualTo(Severity.ERROR);
    assertThat(r.errorMessage()).isEqualTo("order 1042 could not be charged");
    assertThat(r.logger()).isEqualTo("com.shop.checkout.PaymentService");
    assertThat(r.component()).isEqualTo("PaymentService");
    assertThat(r.thread()).isEqualTo(Thread.currentThread().getName());
    assertThat(r.timestamp()).isBetween(before.minusMillis(1), Instant.now());
    assertThat(r.user().userId()).isEqualTo("u-77");
    assertThat(r.user().username()).isEqualTo("alice");
    assertThat(r.user().email()).isEqualTo("alice@example.com");
    assertThat(r.user().sessionId()).isEqualTo("s-1");
    assertThat(r.user().ipAddress()).isEqualTo("203.0.113.9");
    assertThat(r.context().requestUrl()).isEqualTo("/api/orders/1042");
    assertThat(r.context().requestMethod()).isEqualTo("POST");
    assertThat(r.context().responseStatus()).isEqualTo(500);
    assertThat(r.tags()).containsEntry("tenant", "acme").containsEntry("team", "payments").containsEntry("region", "eu");
    assertThat(r.metadata()).containsOnly(Map.entry("trace_id", "4bf92f3577b34da6"));
    assertThat(r.errorType()).isNull();
    assertThat(r.stacktrace()).isNull();
  }

  @Test
  void aNestedCauseArrivesWithTypeTraceAndTheApplicationFrame() {
    Logger log = logger("log4j2-receiver.xml");
    IOException root = new IOException("connection reset by peer");
    SQLException cause = new SQLException("could not read from the orders table", root);
    IllegalStateException thrown = new IllegalStateException("checkout failed", cause);
    thrown.addSuppressed(new IllegalArgumentException("rollback also failed"));

    log.error("checkout of order {} failed", 1042, thrown);

    ErrorReport r = onlyReport();
    assertThat(r.errorMessage()).isEqualTo("checkout of order 1042 failed");
    assertThat(r.errorType()).isEqualTo("java.lang.IllegalStateException");
    assertThat(r.stacktrace())
        .startsWith("java.lang.IllegalStateException: checkout failed")
        .contains("Suppressed: java.lang.IllegalArgumentException: rollback also failed")
        .contains("Caused by: java.sql.SQLException: could not read from the orders table")
        .contains("Caused by: java.io.IOException: connection reset by peer")
        .contains("... ");
    assertThat(r.fileName()).isEqualTo("ReportMappingTest.java");
    assertThat(r.functionName()).isEqualTo(getClass().getName() + ".aNestedCauseArrivesWithTypeTraceAndTheApplicationFrame");
    assertThat(r.lineNumber()).isPositive();
  }

  @Test
  void mapMessageFieldsBecomeMetadataAndItsMessageFieldTheMessage() {
    Logger log = logger("log4j2-receiver.xml");
    StringMapMessage message = new StringMapMessage()
        .with("message", "refund rejected by the bank")
        .with("order_id", "1042")
        .with("amount", "19.99");

    log.error(message);
    // Log4j may hand out the same message object again: what was queued must not change.
    message.with("order_id", "changed later");

    ErrorReport r = onlyReport();
    assertThat(r.errorMessage()).isEqualTo("refund rejected by the bank");
    assertThat(r.metadata()).containsOnly(Map.entry("order_id", "1042"), Map.entry("amount", "19.99"));
  }

  @Test
  void markersAndTheirParentsBecomeTagsAndFatalIsCritical() {
    Logger log = logger("log4j2-receiver.xml");
    Marker billing = MarkerManager.getMarker("billing");
    Marker payments = MarkerManager.getMarker("payments").setParents(billing);

    log.fatal(payments, "ledger out of balance");

    ErrorReport r = onlyReport();
    assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(r.tags()).containsEntry("payments", "").containsEntry("billing", "");
  }

  @Test
  void aCriticalMarkerMakesAnErrorCritical() {
    Logger log = logger("log4j2-receiver.xml");

    log.error(MarkerManager.getMarker("CRITICAL"), "all payment providers down");

    ErrorReport r = onlyReport();
    assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(r.tags()).doesNotContainKey("CRITICAL");
  }

  @Test
  void theMinimumLevelIsErrorByDefault() {
    Logger log = logger("log4j2-receiver.xml");

    log.info("started");
    log.warn("slow response from the bank");
    log.error("payment failed");

    ErrorReport r = onlyReport();
    assertThat(r.errorMessage()).isEqualTo("payment failed");
  }

  @Test
  void aConfiguredMinimumLevelCallerDataAndRenamedKeys() {
    Logger log = logger("log4j2-warn-and-caller.xml");
    ThreadContext.put("uid", "u-9");
    ThreadContext.put("path", "/health");
    ThreadContext.put("verb", "GET");
    ThreadContext.put("status", "503");
    ThreadContext.put("trace_id", "not wanted in metadata");

    log.info("below WARN");
    log.log(Level.WARN, "database pool nearly exhausted");

    ErrorReport r = onlyReport();
    assertThat(r.severity()).isEqualTo(Severity.WARNING);
    assertThat(r.errorMessage()).isEqualTo("database pool nearly exhausted");
    assertThat(r.user().userId()).isEqualTo("u-9");
    assertThat(r.context().requestUrl()).isEqualTo("/health");
    assertThat(r.context().requestMethod()).isEqualTo("GET");
    assertThat(r.context().responseStatus()).isEqualTo(503);
    assertThat(r.metadata()).isEmpty();
    // No throwable: the location of the logging call, because includeCallerData="true".
    assertThat(r.fileName()).isEqualTo("ReportMappingTest.java");
    assertThat(r.functionName()).isEqualTo(getClass().getName() + ".aConfiguredMinimumLevelCallerDataAndRenamedKeys");
  }

  @Test
  void stoppingTheContextDeliversWhatIsQueuedEvenWithLog4jsShortTimeout() {
    Logger log = logger("log4j2-receiver.xml");
    for (int i = 0; i < 10; i++) {
      log.error("batch item {} failed", i);
    }

    // LogManager.shutdown() passes 50 ms; the appender's closeTimeout (5 s here) is what bounds the flush.
    context.stop(50, TimeUnit.MILLISECONDS);

    // No waiting: stop returned only once the queue was delivered.
    assertThat(receiver.reports()).hasSize(10);
  }
}
