package dev.jahiz.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import dev.jahiz.client.Counters;
import dev.jahiz.report.ErrorReport;
import dev.jahiz.report.ReportJson;
import dev.jahiz.report.Severity;
import dev.jahiz.testing.BotApiHtml;
import dev.jahiz.testing.FakeBotApi;
import dev.jahiz.webhook.WebhookSignature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.slf4j.MarkerFactory;

class JahizAppenderTest {
  private final FakeBotApi api = new FakeBotApi();
  private final List<LoggerContext> contexts = new ArrayList<>();

  @AfterEach
  void tearDown() {
    contexts.forEach(LoggerContext::stop);
    MDC.clear();
    api.close();
  }

  private LoggerContext telegram(Map<String, String> extra) {
    Map<String, String> properties = new java.util.HashMap<>(Map.of("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN,
        "TELEGRAM_CHAT_ID", "-1001234567890", "JAHIZ_TELEGRAM_API_URL", api.url()));
    properties.putAll(extra);
    LoggerContext context = LogbackContexts.configure("jahiz-telegram.xml", properties);
    contexts.add(context);
    return context;
  }

  private static JahizAppender appender(LoggerContext context) {
    return (JahizAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("JAHIZ");
  }

  @Test
  void anErrorWithAnExceptionArrivesInTelegramAsValidHtml() {
    LoggerContext context = telegram(Map.of());
    Logger log = context.getLogger("com.acme.checkout.CheckoutService");

    log.error("Payment for order {} failed", "ord_1", new IllegalStateException("card <declined>"));

    await().atMost(Duration.ofSeconds(10)).until(() -> api.messages().size() == 1);
    String html = api.texts().get(0);
    assertThat(BotApiHtml.problems(html)).isEmpty();
    assertThat(BotApiHtml.visible(html)).contains("ERROR", "checkout-api", "3.2.1", "test", "#team_backend",
        "java.lang.IllegalStateException", "Payment for order ord_1 failed", "CheckoutService",
        "java.lang.IllegalStateException: card <declined>");
  }

  @Test
  void onlyErrorsByDefault() {
    LoggerContext context = telegram(Map.of());
    Logger log = context.getLogger("com.acme.Quiet");

    log.warn("just a warning");
    log.info("just info");
    log.error("the one that counts");
    context.stop();

    assertThat(api.texts()).hasSize(1);
    assertThat(api.texts().get(0)).contains("the one that counts");
  }

  @Test
  void contextStopFlushesWhatIsQueued() {
    LoggerContext context = telegram(Map.of());
    Logger log = context.getLogger("com.acme.Shutdown");
    log.error("first failure", new IllegalStateException("a"));
    log.error("second failure", new IllegalArgumentException("b"));
    log.error("third failure", new UnsupportedOperationException("c"));

    context.stop();

    assertThat(api.texts()).hasSize(3);
  }

  @Test
  void reportCarriesMdcKeyValuesMarkersCausesAndDefaultsFieldByField() throws Exception {
    try (MockWebServer receiver = new MockWebServer()) {
      receiver.start();
      for (int i = 0; i < 5; i++) {
        receiver.enqueue(new MockResponse.Builder().code(202).build());
      }
      LoggerContext context = LogbackContexts.configure("jahiz-receiver.xml", Map.of(
          "JAHIZ_RECEIVER_URL", receiver.url("/").toString(), "WEBHOOK_SECRET", "s3cret"));
      contexts.add(context);
      Logger log = context.getLogger("com.acme.checkout.PaymentController");

      MDC.put("user_id", "usr_12345");
      MDC.put("email", "john@example.com");
      MDC.put("request_url", "https://api.example.com/checkout");
      MDC.put("request_method", "POST");
      MDC.put("response_status", "500");
      MDC.put("tenant", "acme");
      MDC.put("trace_id", "abc123");
      log.atError().addMarker(MarkerFactory.getMarker("CRITICAL")).addMarker(MarkerFactory.getMarker("PAYMENTS"))
          .addKeyValue("order_id", "ord_67890").addKeyValue("amount", 299.99)
          .setCause(new IllegalStateException("payment failed", new java.io.IOException("connection reset")))
          .log("Checkout of {} failed", "ord_67890");
      log.debug("below the minimum level");
      log.warn("a warning counts at WARN");
      context.stop();

      // A receiver takes several reports at once, so the two may arrive in either order.
      List<RecordedRequest> both = List.of(receiver.takeRequest(5, TimeUnit.SECONDS),
          receiver.takeRequest(5, TimeUnit.SECONDS));
      RecordedRequest request = both.stream()
          .filter(r -> r.getBody().utf8().contains("Checkout of ord_67890 failed")).findFirst().orElseThrow();
      RecordedRequest other = both.get(both.get(0) == request ? 1 : 0);
      byte[] body = request.getBody().toByteArray();
      assertThat(WebhookSignature.withSecret("s3cret").verify(body, request.getHeaders().get("X-Jahiz-Timestamp"),
          request.getHeaders().get("X-Jahiz-Signature"), Instant.now()).isValid()).isTrue();
      ErrorReport report = ReportJson.parse(body);
      assertThat(report.severity()).isEqualTo(Severity.CRITICAL);
      assertThat(report.errorMessage()).isEqualTo("Checkout of ord_67890 failed");
      assertThat(report.errorType()).isEqualTo("java.lang.IllegalStateException");
      assertThat(report.stacktrace()).contains("payment failed", "Caused by: java.io.IOException: connection reset");
      assertThat(report.fileName()).isEqualTo("JahizAppenderTest.java");
      assertThat(report.functionName()).startsWith("dev.jahiz.logback.JahizAppenderTest.");
      assertThat(report.lineNumber()).isPositive();
      assertThat(report.logger()).isEqualTo("com.acme.checkout.PaymentController");
      assertThat(report.component()).isEqualTo("PaymentController");
      assertThat(report.thread()).isEqualTo(Thread.currentThread().getName());
      assertThat(report.appName()).isEqualTo("checkout-api");
      assertThat(report.appVersion()).isEqualTo("3.2.1");
      assertThat(report.environment()).isEqualTo("test");
      assertThat(report.serviceName()).isEqualTo("checkout-service");
      assertThat(report.user().userId()).isEqualTo("usr_12345");
      assertThat(report.user().email()).isEqualTo("john@example.com");
      assertThat(report.context().requestUrl()).isEqualTo("https://api.example.com/checkout");
      assertThat(report.context().requestMethod()).isEqualTo("POST");
      assertThat(report.context().responseStatus()).isEqualTo(500);
      assertThat(report.tags()).containsEntry("team", "backend").containsEntry("region", "eu")
          .containsEntry("tenant", "acme").containsEntry("PAYMENTS", "").doesNotContainKey("CRITICAL");
      assertThat(report.metadata()).containsEntry("order_id", "ord_67890").containsEntry("amount", 299.99)
          .containsEntry("trace_id", "abc123");
      assertThat(report.eventId()).isNotBlank();
      assertThat(report.fingerprint()).hasSize(32);
      assertThat(report.sdk()).startsWith("jahiz-java/");

      ErrorReport warning = ReportJson.parse(other.getBody().toByteArray());
      assertThat(warning.severity()).isEqualTo(Severity.WARNING);
      assertThat(warning.errorMessage()).isEqualTo("a warning counts at WARN");
      assertThat(receiver.getRequestCount()).isEqualTo(2);
    }
  }

  @Test
  void aHangingBotApiNeverHoldsUpTheAppAndMemoryStaysBounded() {
    api.hang();
    LoggerContext context = telegram(Map.of("QUEUE_CAPACITY", "500"));
    Logger log = context.getLogger("com.acme.Storm");
    RuntimeException failure = new RuntimeException("downstream timeout");

    for (int i = 0; i < 100_000; i++) {
      log.error("request {} failed", i, failure);
    }

    Counters counters = appender(context).getCounters();
    assertThat(counters.accepted() + counters.dropped()).isEqualTo(100_000);
    assertThat(counters.queueDepth()).isLessThanOrEqualTo(500);
    assertThat(counters.queueBytes()).isLessThanOrEqualTo(4L * 1024 * 1024);
    assertThat(context.getStatusManager().getCopyOfStatusList()).extracting(Status::getMessage)
        .anyMatch(m -> m.contains("dropped"));
  }

  @Test
  void misconfigurationIsNamedInTheStatusManagerAndTheAppRunsOn() {
    LoggerContext context = LogbackContexts.configure("jahiz-misconfigured.xml", Map.of());
    contexts.add(context);

    context.getLogger("com.acme.App").error("the app keeps logging");

    assertThat(appender(context).isStarted()).isFalse();
    List<String> errors = new ArrayList<>();
    for (Status s : context.getStatusManager().getCopyOfStatusList()) {
      if (s.getLevel() == Status.ERROR) {
        errors.add(s.getMessage());
      }
    }
    assertThat(errors).anyMatch(m -> m.contains("bot token is malformed"))
        .anyMatch(m -> m.contains("groupingWindow"));
    assertThat(String.join("\n", errors)).doesNotContain("not-a-token");
    assertThat(api.calls()).isZero();
  }

  @Test
  void jahizOwnLoggersAndThreadsNeverComeBack() throws Exception {
    LoggerContext context = telegram(Map.of());
    context.getLogger("dev.jahiz.client.Sender").error("would recurse");
    context.getLogger("okhttp3.OkHttpClient").error("would storm");
    Thread jahizThread = new Thread(() -> context.getLogger("com.acme.X").error("from a jahiz thread"), "jahiz-sender");
    jahizThread.start();
    jahizThread.join();

    assertThat(appender(context).getCounters().accepted()).isZero();
  }
}
