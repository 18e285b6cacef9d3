package dev.jahiz.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jahiz.classify.ErrorClass;
import dev.jahiz.report.DeviceInfo;
import dev.jahiz.report.ErrorReport;
import dev.jahiz.report.ReportJson;
import dev.jahiz.report.RequestContext;
import dev.jahiz.report.Severity;
import dev.jahiz.report.ThrowableDetails;
import dev.jahiz.testing.BotApiHtml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TelegramRendererTest {
  private final TelegramRenderer renderer = TelegramRenderer.byDefault();

  @Test
  void seedExampleShowsEveryFieldItCarries() throws Exception {
    ErrorReport report = ReportJson.parse(Files.readAllBytes(Path.of("../../shared/fixtures/seed-000-curl-example.json")));

    TelegramMessage message = renderer.render(report);

    assertThat(BotApiHtml.problems(message.html())).isEmpty();
    assertThat(message.plainText()).contains(
        "🔴", "CRITICAL", "E-Commerce API", "3.2.1", "production", "checkout-service", "CheckoutController",
        "NullPointerException", "NullPointerException in checkout flow", "CHK_001",
        "checkout.py:42", "process_checkout",
        "POST https://api.example.com/checkout → 500",
        "usr_12345", "john_doe", "john@example.com", "sess_abc123",
        "prod-web-03", "Linux Ubuntu 22.04", "CPU 79%", "RAM 91%", "Disk 65%",
        "#team_backend", "#priority_p0",
        "order_id: ord_67890", "cart_total: 299.99", "items_count: 5",
        "File \"checkout.py\", line 42");
    assertThat(message.html()).contains("<pre><code class=\"language-python\">Traceback");
  }

  @Test
  void errorClassIsAHashtagTitleAHeadlineAndLinkAnEscapedLinkNamedAfterTheSource() {
    ErrorReport report = ErrorReport.builder()
        .errorMessage("read timed out")
        .errorType("java.net.SocketTimeoutException")
        .errorClass(ErrorClass.TIMEOUT_ERROR)
        .title("🚨 Checkout <slow> alert")
        .source("sentry")
        .link("https://sentry.io/organizations/acme/issues/42/?a=1&b=2")
        .tags(Map.of("team", "backend"))
        .build();

    TelegramMessage message = renderer.render(report);

    assertThat(BotApiHtml.problems(message.html())).isEmpty();
    assertThat(message.plainText()).contains("🚨 Checkout <slow> alert\n", "#timeout_error #team_backend",
        "🔗 View in Sentry", "· via Sentry");
    assertThat(message.html()).contains("<b>🚨 Checkout &lt;slow&gt; alert</b>",
        "<a href=\"https://sentry.io/organizations/acme/issues/42/?a=1&amp;b=2\">View in Sentry</a>");
    assertThat(renderer.render(report.toBuilder().link("javascript:alert(1)").build()).html())
        .doesNotContain("<a ");
  }

  @Test
  void anUnknownClassIsAHashtagOnlyWhenThereWasAnExceptionToClassify() {
    ErrorReport logged = ErrorReport.builder().errorMessage("nightly export skipped: no rows")
        .errorClass(ErrorClass.UNKNOWN_ERROR).tags(Map.of("team", "backend")).build();
    ErrorReport failed = logged.toBuilder().errorType("com.acme.ExportException").build();

    assertThat(renderer.render(logged).plainText()).contains("#team_backend").doesNotContain("#unknown_error");
    assertThat(renderer.render(failed).plainText()).contains("#unknown_error #team_backend");
  }

  @Test
  void browserReportShowsTheBrowserAndItsUserAgentInsteadOfAnOsVersion() throws Exception {
    ErrorReport chrome = ReportJson.parse(Files.readAllBytes(Path.of("src/test/resources/fixtures/seed-browser-chrome.json")));
    ErrorReport firefox = ReportJson.parse(Files.readAllBytes(Path.of("src/test/resources/fixtures/seed-browser-firefox.json")));

    String fromChrome = renderer.render(chrome).plainText();
    String fromFirefox = renderer.render(firefox).plainText();

    assertThat(fromChrome).contains("Device: Linux x86_64 · x86_64",
        "Browser: Chrome 131 · Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0")
        .doesNotContain("Host:", "Linux x86_64 Mozilla");
    assertThat(fromFirefox).contains("Browser: Firefox 133 · Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0)");
    assertThat(BotApiHtml.problems(renderer.render(chrome).html())).isEmpty();
  }

  @Test
  void javaScriptTraceShowsWhereThePagesOwnCodeThrewAndKeepsItsFramesWhenTrimmed() throws Exception {
    ErrorReport chrome = ReportJson.parse(Files.readAllBytes(Path.of("src/test/resources/fixtures/seed-browser-chrome.json")));
    ErrorReport firefox = ReportJson.parse(Files.readAllBytes(Path.of("src/test/resources/fixtures/seed-browser-firefox.json")));

    TelegramMessage fromChrome = renderer.render(chrome);

    // The SDK named the vendor frame on top; the reader needs the page's own code.
    assertThat(fromChrome.plainText()).contains("Where: /static/js/app.3f9a1c.js:1:48213 in submitOrder")
        .doesNotContain("Where: https://");
    assertThat(fromChrome.html()).contains("<pre><code class=\"language-javascript\">TypeError");
    assertThat(renderer.render(firefox).plainText()).contains("Where: /static/js/app.3f9a1c.js:1:48213 in submitOrder");

    StringBuilder deep = new StringBuilder("TypeError: Cannot read properties of undefined (reading 'id')\n");
    for (int i = 0; i < 300; i++) {
      deep.append("    at Rb (https://shop.example.com/static/js/vendor.8e41bd07.js:2:").append(1000 + i).append(")\n");
    }
    deep.append("    at submitOrder (https://shop.example.com/static/js/app.3f9a1c.js:1:48213)\n");
    String trimmed = renderer.render(chrome.toBuilder().stacktrace(deep.toString()).build()).plainText();
    assertThat(trimmed).contains("at submitOrder (https://shop.example.com/static/js/app.3f9a1c.js:1:48213)",
        "… 299 framework frames");
  }

  @Test
  void responseBodyOfTheFailedRequestIsShown() {
    ErrorReport report = ErrorReport.builder().errorMessage("payment refused")
        .context(RequestContext.builder().requestMethod("POST").requestUrl("https://pay.example/charge")
            .responseStatus(502).responseBody("{\"detail\":\"gateway down\"}").build())
        .build();

    assertThat(renderer.render(report).plainText()).contains("POST https://pay.example/charge → 502",
        "Response: {\"detail\":\"gateway down\"}");
  }

  @Test
  void escapesUserDataAndKeepsTracesInACodeBlock() {
    ErrorReport report = ThrowableDetails.complete(
        ErrorReport.builder().errorMessage("<script>alert('x')</script> & &amp; \"q\"").build(),
        new IllegalStateException("List<String> was empty"), dev.jahiz.fingerprint.StackFrames.byDefault());

    TelegramMessage message = renderer.render(report);

    assertThat(BotApiHtml.problems(message.html())).isEmpty();
    assertThat(message.html()).contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp; &amp;amp; &quot;q&quot;");
    assertThat(message.html()).contains("<pre><code class=\"language-java\">java.lang.IllegalStateException: List&lt;String&gt; was empty");
    assertThat(BotApiHtml.visible(message.html())).isEqualTo(message.plainText());
  }

  @Test
  void tagsBecomeClickableHashtags() {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("team", "backend-eu");
    tags.put("CRITICAL", "");
    tags.put("region", "eu west 1");
    tags.put("!!!", "");
    ErrorReport report = ErrorReport.builder().errorMessage("x").tags(tags).build();

    assertThat(renderer.render(report).plainText()).contains("#team_backend_eu #CRITICAL #region_eu_west_1")
        .doesNotContain("#!!!");
  }

  @Test
  void groupedReportSaysHowOftenSinceWhen() {
    Instant first = Instant.parse("2026-11-23T07:00:00Z");
    ErrorReport report = ErrorReport.builder().errorMessage("db down").occurrences(57L)
        .firstSeen(first).timestamp(first.plusSeconds(300)).droppedSinceLast(12).build();

    assertThat(renderer.render(report).plainText())
        .contains("Repeated: ×57 in the last 5 min (first at 07:00:00 UTC)")
        .contains("Dropped: 12 reports dropped since the last message");
  }

  @Test
  void longTraceIsTrimmedToFirstFramesCausesAndApplicationFrames() {
    StringBuilder trace = new StringBuilder("java.lang.RuntimeException: top\n");
    for (int i = 0; i < 3000; i++) {
      trace.append("\tat org.springframework.web.Filter").append(i).append(".doFilter(Filter.java:").append(i).append(")\n");
      if (i == 1500) {
        trace.append("\tat com.acme.shop.CheckoutService.pay(CheckoutService.java:42)\n");
      }
    }
    trace.append("Caused by: java.sql.SQLException: connection refused\n")
        .append("\tat org.postgresql.Driver.connect(Driver.java:1)\n\t... 3000 more\n");
    ErrorReport report = ErrorReport.builder().errorMessage("top").stacktrace(trace.toString()).build();

    TelegramMessage message = renderer.render(report);

    assertThat(BotApiHtml.problems(message.html())).isEmpty();
    assertThat(message.plainText())
        .contains("java.lang.RuntimeException: top", "Filter0.doFilter", "com.acme.shop.CheckoutService.pay",
            "Caused by: java.sql.SQLException: connection refused", "… 1500 framework frames")
        .doesNotContain("Filter2000.doFilter");
    assertThat(message.traceTrimmed()).isTrue();
    assertThat(message.fullTrace()).isEqualTo(trace.toString());
  }

  /**
   * Property: whatever a report holds, the text is valid Bot API HTML within 4096 characters. A
   * fixed seed per run keeps failures reproducible; the seed is in the failure message.
   */
  @Test
  void arbitraryReportsAlwaysRenderToValidHtmlWithinTheLimit() {
    long seed = Long.getLong("jahiz.seed", 20261123L);
    Random random = new Random(seed);
    for (int i = 0; i < 400; i++) {
      ErrorReport report = arbitraryReport(random);
      TelegramMessage message = renderer.render(report);
      assertThat(BotApiHtml.problems(message.html()))
          .as("seed %d, case %d", seed, i)
          .isEmpty();
      assertThat(BotApiHtml.visible(message.html())).as("seed %d, case %d", seed, i).isEqualTo(message.plainText());
      assertThat(message.plainText().length()).isLessThanOrEqualTo(TelegramMessage.MAX_LENGTH);
    }
  }

  private static final String[] NASTY = {
    "<", ">", "&", "&amp;", "&lt;b&gt;", "<b>", "</code>", "<pre>", "\"", "'", "😀", "👨‍👩‍👧", "\uD83D", "\uDE00",
    "\n", "\t", " ", "é", "中文", "#", "_", "=", "\u0000", "a", "Z", "9", "\r\n", "&#128512;", "<a href=\"x\">"
  };

  private static String text(Random random, int maxPieces) {
    int pieces = random.nextInt(maxPieces + 1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < pieces; i++) {
      if (random.nextInt(4) == 0) {
        out.append(NASTY[random.nextInt(NASTY.length)]);
      } else {
        out.append((char) ('a' + random.nextInt(26)));
      }
    }
    return out.toString();
  }

  private static String maybe(Random random, int maxPieces) {
    return random.nextBoolean() ? null : text(random, maxPieces);
  }

  private static ErrorReport arbitraryReport(Random random) {
    int size = random.nextInt(4);
    int big = size == 3 ? 12_000 : size == 2 ? 2_000 : 60;
    String message = text(random, big);
    ErrorReport.Builder b = ErrorReport.builder()
        .errorMessage(message.isBlank() ? "x" + message : message)
        .severity(Severity.values()[random.nextInt(4)])
        .errorType(maybe(random, big / 4)).errorCode(maybe(random, 40))
        .fileName(maybe(random, big / 4)).lineNumber(random.nextBoolean() ? random.nextInt(100_000) : null)
        .functionName(maybe(random, big / 4)).appName(maybe(random, big / 4)).appVersion(maybe(random, 30))
        .environment(maybe(random, 30)).serviceName(maybe(random, big / 4)).component(maybe(random, 80))
        .logger(maybe(random, 80)).thread(maybe(random, 80)).eventId(maybe(random, 40))
        .occurrences((long) (1 + random.nextInt(3) * random.nextInt(100_000)));
    if (random.nextBoolean()) {
      b.firstSeen(Instant.now().minusSeconds(random.nextInt(100_000)));
    }
    if (random.nextBoolean()) {
      b.device(DeviceInfo.builder().hostname(maybe(random, 100)).os(maybe(random, 30)).osVersion(maybe(random, 30))
          .cpuUsage(random.nextBoolean() ? random.nextDouble() * 100 : null).memoryUsage(random.nextDouble() * 100)
          .jvmVersion(maybe(random, 20)).uptimeSeconds(random.nextBoolean() ? (long) random.nextInt(10_000_000) : null)
          .build());
    }
    Map<String, String> tags = new LinkedHashMap<>();
    for (int i = random.nextInt(60); i > 0; i--) {
      tags.put(text(random, 20), random.nextBoolean() ? "" : text(random, 100));
    }
    b.tags(tags);
    Map<String, Object> metadata = new LinkedHashMap<>();
    for (int i = random.nextInt(120); i > 0; i--) {
      metadata.put(text(random, 30), random.nextBoolean() ? random.nextInt() : text(random, big / 10));
    }
    b.metadata(metadata);
    int frames = random.nextInt(3) == 0 ? 10_000 : random.nextInt(80);
    if (frames > 0 || random.nextBoolean()) {
      StringBuilder trace = new StringBuilder(text(random, 200)).append('\n');
      for (int i = 0; i < frames; i++) {
        if (random.nextInt(500) == 0) {
          trace.append("Caused by: ").append(text(random, 300)).append('\n');
        }
        trace.append("\tat ").append(random.nextBoolean() ? "com.acme." : "org.springframework.")
            .append(text(random, 30)).append(".m(F.java:").append(i).append(")\n");
      }
      b.stacktrace(trace.toString());
    }
    return b.build();
  }
}
