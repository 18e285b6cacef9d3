package dev.jahiz.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
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
import org.slf4j.Marker;
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
  void ignoreRulesKeepMatchingEventsOutAndCountThem() {
    Map<String, String> properties = Map.of("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN,
        "TELEGRAM_CHAT_ID", "-1001234567890", "JAHIZ_TELEGRAM_API_URL", api.url());
    LoggerContext context = LogbackContexts.configure("jahiz-ignore.xml", properties);
    contexts.add(context);

    context.getLogger("com.acme.Webhooks").error("Test webhook error");
    context.getLogger("com.acme.Sync").error("sync failed", new IllegalStateException(
        new java.io.UncheckedIOException(new java.net.ConnectException("refused"))));
    context.getLogger("com.acme.legacy.Importer").error("old importer broke");
    context.getLogger("com.acme.Payments").error("payment declined");

    await().atMost(Duration.ofSeconds(10)).until(() -> JahizCounters.of(appender(context)).filtered() == 3
        && api.messages().size() == 1);
    assertThat(BotApiHtml.visible(api.texts().get(0))).contains("payment declined");
    assertThat(JahizCounters.of(appender(context)).accepted()).isEqualTo(4);
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
      // One marker that references another: SLF4J 1.7 (Logback 1.2) carries a single marker per event.
      Marker critical = MarkerFactory.getDetachedMarker("CRITICAL");
      critical.add(MarkerFactory.getMarker("PAYMENTS"));
      log.error(critical, "Checkout of {} failed", "ord_67890",
          new IllegalStateException("payment failed", new java.io.IOException("connection reset")));
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
      // The application class the exception was thrown in, rather than the logger.
      assertThat(report.component()).isEqualTo("JahizAppenderTest");
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
      assertThat(report.metadata()).containsEntry("trace_id", "abc123");
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

    Counters counters = JahizCounters.of(appender(context));
    assertThat(counters.accepted() + counters.dropped()).isEqualTo(100_000);
    assertThat(counters.queueDepth()).isLessThanOrEqualTo(500);
    assertThat(counters.queueBytes()).isLessThanOrEqualTo(4L * 1024 * 1024);
    assertThat(context.getStatusManager().getCopyOfStatusList()).extracting(Status::getMessage)
        .anyMatch(m -> m.contains("dropped"));
  }

  @Test
  void misconfigurationIsNamedInTheStatusManagerAsAWarningAndTheAppRunsOn() {
    LoggerContext context = LogbackContexts.configure("jahiz-misconfigured.xml", Map.of());
    contexts.add(context);

    context.getLogger("com.acme.App").error("the app keeps logging");

    assertThat(appender(context).isStarted()).isFalse();
    List<String> warnings = statuses(context, Status.WARN);
    assertThat(warnings).anyMatch(m -> m.contains("bot token is malformed"))
        .anyMatch(m -> m.contains("groupingWindow"));
    assertThat(String.join("\n", warnings)).doesNotContain("not-a-token");
    // Spring Boot refuses to start an app whose logging configuration left an ERROR status.
    assertThat(statuses(context, Status.ERROR)).isEmpty();
    assertThat(api.calls()).isZero();
  }

  @Test
  void anUndefinedVariableCountsAsUnsetSoTheAppenderIsNotConfiguredRatherThanBroken() {
    // The README's snippet on a laptop without TELEGRAM_BOT_TOKEN: Logback substitutes TELEGRAM_BOT_TOKEN_IS_UNDEFINED.
    JahizAppender appender = programmatic(Map.of());
    appender.setBotToken("TELEGRAM_BOT_TOKEN_IS_UNDEFINED");
    appender.setChatId("TELEGRAM_CHAT_ID_IS_UNDEFINED");

    appender.start();

    assertThat(appender.isStarted()).isFalse();
    LoggerContext context = (LoggerContext) appender.getContext();
    assertThat(statuses(context, Status.WARN)).singleElement().asString().contains("not started: no destination");
    assertThat(statuses(context, Status.INFO)).anyMatch(m -> m.contains("botToken refers to a variable Logback"
        + " could not resolve; treated as unset"));
    assertThat(statuses(context, Status.ERROR)).isEmpty();
  }

  @Test
  void anUndefinedVariableFallsBackToTheEnvironment() {
    JahizAppender appender = programmatic(Map.of("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN, "TELEGRAM_CHAT_ID", "-1001",
        "JAHIZ_TELEGRAM_API_URL", api.url()));
    appender.setBotToken("TELEGRAM_BOT_TOKEN_IS_UNDEFINED");
    appender.start();
    Logger log = ((LoggerContext) appender.getContext()).getLogger("com.acme.Env");
    log.addAppender(appender);

    log.error("sent with the token from the environment");

    await().atMost(Duration.ofSeconds(10)).until(() -> api.texts().size() == 1);
    assertThat(api.texts().get(0)).contains("sent with the token from the environment");
  }

  @Test
  void aFrameworkThatBreaksUnderJahizDisablesItOnceAndLoggingCallsReturnNormally() {
    LoggerContext context = telegram(Map.of());
    Logger log = context.getLogger("com.acme.Skewed");
    // An event from a Logback whose classes do not match the ones Jahiz was compiled against.
    LoggingEvent skewed = new LoggingEvent("com.acme.Skewed", log, ch.qos.logback.classic.Level.ERROR, "skewed", null,
        null) {
      @Override
      public Map<String, String> getMDCPropertyMap() {
        throw new NoSuchMethodError("'java.util.Map ch.qos.logback.classic.spi.ILoggingEvent.getMDCPropertyMap()'");
      }
    };

    for (int i = 0; i < 3; i++) {
      log.callAppenders(skewed);
    }
    log.error("after the incompatibility: nothing is sent, nothing is thrown");

    List<String> errors = statuses(context, Status.ERROR);
    assertThat(errors).singleElement().asString().startsWith("Jahiz appender is disabled: it could not report an"
        + " event (java.lang.NoSuchMethodError: ").contains("Found Logback 1.", "; Jahiz needs Logback 1.2 to 1.6"
        + " (with SLF4J 1.7 or 2) on Java 11+");
    assertThat(JahizCounters.of(appender(context)).accepted()).isZero();
  }

  @Test
  void slf4j2KeyValuePairsBecomeMetadata() {
    assumeTrue(hasKeyValuePairs(), "SLF4J 1.7 (Logback 1.2) has no key-value pairs");
    LoggerContext context = telegram(Map.of());

    context.getLogger("com.acme.Pairs").atError().addKeyValue("order_id", "ord_67890").addKeyValue("amount", 299.99)
        .log("with pairs");

    await().atMost(Duration.ofSeconds(10)).until(() -> api.texts().size() == 1);
    assertThat(BotApiHtml.visible(api.texts().get(0))).contains("order_id", "ord_67890", "amount", "299.99");
  }

  private static boolean hasKeyValuePairs() {
    try {
      Class.forName("org.slf4j.event.KeyValuePair");
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private JahizAppender programmatic(Map<String, String> env) {
    LoggerContext context = LogbackContexts.configure("jahiz-none.xml", Map.of());
    contexts.add(context);
    JahizAppender appender = new JahizAppender();
    appender.setContext(context);
    appender.setName("JAHIZ");
    appender.setDeviceInfo("false");
    appender.environmentVariables(env::get);
    return appender;
  }

  private static List<String> statuses(LoggerContext context, int level) {
    List<String> out = new ArrayList<>();
    for (Status s : context.getStatusManager().getCopyOfStatusList()) {
      if (s.getLevel() == level && s.getOrigin() instanceof JahizAppender) {
        out.add(s.getMessage());
      }
    }
    return out;
  }

  @Test
  void jahizOwnLoggersAndThreadsNeverComeBack() throws Exception {
    LoggerContext context = telegram(Map.of());
    context.getLogger("dev.jahiz.client.Sender").error("would recurse");
    context.getLogger("okhttp3.OkHttpClient").error("would storm");
    Thread jahizThread = new Thread(() -> context.getLogger("com.acme.X").error("from a jahiz thread"), "jahiz-sender");
    jahizThread.start();
    jahizThread.join();

    assertThat(JahizCounters.of(appender(context)).accepted()).isZero();
  }

  @Test
  void aFlagReadsOffAndOnAsInEveryOtherPlaceJahizIsConfigured() {
    LoggerContext context = telegram(Map.of("OTHER_MDC", "off"));
    MDC.put("tenant", "acme-flag-test");
    context.getLogger("com.acme.App").error("tenant data stays out");
    MDC.clear();
    context.stop();

    assertThat(api.texts()).hasSize(1);
    assertThat(api.texts().get(0)).contains("tenant data stays out").doesNotContain("acme-flag-test");
  }

  @Test
  void aFlagThatIsNeitherIsNamedAndTheAppenderStaysOff() {
    LoggerContext context = telegram(Map.of("OTHER_MDC", "maybe"));

    assertThat(appender(context).isStarted()).isFalse();
    assertThat(statuses(context, Status.WARN)).anyMatch(m -> m.contains("otherMdcToMetadata must be true or false"));
  }
}
