package dev.jahiz.client;

import static dev.jahiz.testing.FakeBotApi.TOKEN;
import static dev.jahiz.testing.FakeBotApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jahiz.fingerprint.StackFrames;
import dev.jahiz.report.DeviceInfo;
import dev.jahiz.report.ErrorReport;
import dev.jahiz.telegram.TelegramTransport;
import dev.jahiz.testing.BotApiHtml;
import dev.jahiz.testing.FakeBotApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JahizClientTest {
  private final FakeBotApi api = new FakeBotApi();
  private final List<String> status = new CopyOnWriteArrayList<>();
  private JahizClient client;

  private JahizClient.Builder client() {
    TelegramTransport transport = TelegramTransport.builder().botToken(TOKEN).chatId("4242").apiBaseUrl(api.url())
        .readTimeout(Duration.ofSeconds(30)).status(this::status).build();
    return JahizClient.builder(transport).status(this::status);
  }

  private void status(dev.jahiz.StatusListener.Level level, String message, Throwable cause) {
    status.add(level + " " + message + (cause == null ? "" : " " + cause));
  }

  @AfterEach
  void tearDown() {
    if (client != null) {
      client.close(Duration.ofMillis(200));
    }
    api.close();
  }

  private static ErrorReport report(String message) {
    return ErrorReport.of(message);
  }

  @Test
  void deliversAReportWithDefaultsDeviceInfoAndTheExceptionsLocation() {
    client = client()
        .defaults(ReportDefaults.builder().appName("shop").appVersion("1.2.3").environment("prod").tag("team", "payments").build())
        .deviceInfo(() -> DeviceInfo.builder().hostname("web-1").cpuUsage(12.0).build())
        .stackFrames(StackFrames.forApplicationPackages(List.of("dev.jahiz.client")))
        .build();

    client.report(report("payment failed"), new IllegalStateException("card declined"));

    await().atMost(Duration.ofSeconds(10)).until(() -> api.messages().size() == 1);
    String html = api.texts().get(0);
    assertThat(BotApiHtml.problems(html)).isEmpty();
    assertThat(BotApiHtml.visible(html)).contains("shop", "1.2.3", "prod", "#team_payments", "web-1", "CPU 12%",
        "java.lang.IllegalStateException", "payment failed", "JahizClientTest.java:",
        "dev.jahiz.client.JahizClientTest.deliversAReportWithDefaultsDeviceInfoAndTheExceptionsLocation");
    await().atMost(Duration.ofSeconds(5)).until(() -> client.counters().sent() == 1);
  }

  @Test
  void waitsOutRetryAfterOn429ThenDelivers() {
    api.thenAnswer(FakeBotApi.tooManyRequests(1));
    client = client().build();

    client.report(report("limited"));

    // The fake has the message a moment before the client has its answer.
    await().atMost(Duration.ofSeconds(10)).until(() -> client.counters().sent() == 1);
    assertThat(api.messages()).hasSize(1);
    assertThat(api.calls()).isEqualTo(2);
    assertThat(client.counters().failed()).isZero();
  }

  @Test
  void retriesServerErrorsThenDelivers() {
    api.thenAnswer(json(500, "oops"), json(502, "bad gateway"));
    client = client().build();

    client.report(report("flaky"));

    await().atMost(Duration.ofSeconds(15)).until(() -> api.messages().size() == 1);
    assertThat(api.calls()).isEqualTo(3);
    assertThat(api.texts().get(0)).contains("flaky");
  }

  @Test
  void rejectionsAreToldOnceAndNotRetried() {
    api.thenAnswer(json(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}"));
    client = client().build();

    client.report(report("nowhere to go"));

    await().atMost(Duration.ofSeconds(10)).until(() -> client.counters().failed() == 1);
    // The sender counts the failure just before it tells the status channel.
    await().atMost(Duration.ofSeconds(10)).until(() -> status.stream().anyMatch(s -> s.contains("chat not found")));
    assertThat(api.calls()).isEqualTo(1);
    assertThat(status).filteredOn(s -> s.contains("chat not found")).hasSize(1);
  }

  @Test
  void aHangingBotApiNeverBlocksTheCallerAndTheQueueStaysBounded() {
    api.hang();
    client = client().queueCapacity(100).build();

    for (int i = 0; i < 50_000; i++) {
      client.report(report("storm " + (i % 7)), new RuntimeException("boom " + i));
    }

    Counters counters = client.counters();
    assertThat(counters.queueDepth()).isLessThanOrEqualTo(100);
    assertThat(counters.queueBytes()).isLessThanOrEqualTo(JahizClient.DEFAULT_QUEUE_BYTES);
    assertThat(counters.accepted() + counters.dropped()).isEqualTo(50_000);
    assertThat(counters.dropped()).isGreaterThan(0);
    // Thinned: the first drop and then every thousandth, not one warning per drop.
    assertThat(status).filteredOn(s -> s.contains("dropped")).hasSizeBetween(1, 51);
    client.close(Duration.ofMillis(300));
    assertThat(status).anyMatch(s -> s.contains("not delivered") && s.contains("within the close timeout"));
  }

  @Test
  void tenThousandIdenticalReportsBecomeAFewMessages() {
    // Room for the whole burst: this is about grouping; drops under pressure are specified below.
    client = client().queueCapacity(20_000).queueBytes(256L * 1024 * 1024).build();

    for (int i = 0; i < 10_000; i++) {
      client.report(report("order " + i + " failed"), new IllegalStateException("database unavailable"));
    }
    client.close(Duration.ofSeconds(10));

    List<String> texts = api.texts();
    assertThat(texts).hasSizeLessThanOrEqualTo(3);
    assertThat(BotApiHtml.visible(texts.get(texts.size() - 1))).contains("×9,999");
    assertThat(client.counters().grouped()).isEqualTo(9_999);
  }

  @Test
  void underConcurrentPressureEveryReportIsDeliveredInACountOrCountedAsDropped() throws Exception {
    client = client().build();
    int threads = 4;
    int perThread = 50_000;
    IllegalStateException failure = new IllegalStateException("database unavailable");

    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> runs = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      runs.add(pool.submit(() -> {
        for (int i = 0; i < perThread; i++) {
          client.report(report("order " + i + " failed"), failure);
        }
      }));
    }
    for (Future<?> run : runs) {
      run.get();
    }
    pool.shutdown();
    client.close(Duration.ofSeconds(10));

    long delivered = 0;
    for (String text : api.texts()) {
      Matcher repeated = Pattern.compile("×([\\d,]+)").matcher(BotApiHtml.visible(text));
      delivered += repeated.find() ? Long.parseLong(repeated.group(1).replace(",", "")) : 1;
    }
    Counters counters = client.counters();
    assertThat(counters.accepted() + counters.dropped()).isEqualTo((long) threads * perThread);
    assertThat(delivered).as("occurrences in the messages").isEqualTo(counters.accepted());
  }

  @Test
  void repeatsWithinTheWindowArriveAsOneFollowUpWhenTheWindowCloses() {
    client = client().groupingWindow(Duration.ofMillis(300)).build();

    for (int i = 0; i < 3; i++) {
      client.report(report("cache miss"), new IllegalStateException("redis timeout"));
    }

    await().atMost(Duration.ofSeconds(10)).until(() -> api.messages().size() == 2);
    assertThat(BotApiHtml.visible(api.texts().get(1))).contains("Repeated: ×2");
  }

  @Test
  void closeDeliversWhatIsQueued() {
    client = client().build();
    for (int i = 0; i < 3; i++) {
      client.report(report("distinct failure " + "abc".charAt(i)), new IllegalArgumentException("kind " + "xyz".charAt(i)));
    }

    client.close(Duration.ofSeconds(10));

    assertThat(api.messages()).hasSize(3);
    assertThat(client.counters().queueDepth()).isZero();
  }

  @Test
  void dropsAreCountedAndTheNextMessageSaysHowMany() {
    api.hang();
    client = client().queueCapacity(2).build();
    client.report(report("first"));
    await().atMost(Duration.ofSeconds(5)).until(() -> api.calls() == 1);
    client.report(report("queued"));
    for (int i = 0; i < 5; i++) {
      client.report(report("dropped " + i));
    }
    assertThat(client.counters().dropped()).isEqualTo(5);
  }

  @Test
  void theNextMessageCarriesTheDropCount() {
    client = client().queueCapacity(1).build();
    api.thenAnswer(FakeBotApi.tooManyRequests(1));
    client.report(report("held by a 429"));
    await().atMost(Duration.ofSeconds(5)).until(() -> api.calls() == 1);
    for (int i = 0; i < 4; i++) {
      client.report(report("dropped " + i));
    }
    client.report(report("x"));
    await().atMost(Duration.ofSeconds(10)).until(() -> client.counters().queueDepth() == 0);
    client.report(report("after the storm"));

    await().atMost(Duration.ofSeconds(10)).until(() -> api.messages().size() == 2);
    assertThat(BotApiHtml.visible(api.texts().get(1))).contains("5 reports dropped since the last message");
  }

  @Test
  void reportsFromJahizOwnThreadsAreIgnored() throws Exception {
    client = client().build();
    Thread jahizThread = new Thread(() -> client.report(report("from inside")), "jahiz-sender");
    jahizThread.start();
    jahizThread.join();

    client.report(null);

    assertThat(client.counters().accepted()).isZero();
    assertThat(client.counters().dropped()).isZero();
  }

  @Test
  void aReportMadeWhileReportingIsIgnoredNotRecursedInto() {
    api.hang();
    JahizClient[] self = new JahizClient[1];
    List<String> seen = new CopyOnWriteArrayList<>();
    // A status listener wired (wrongly) to the app's logging, which reports again on the same thread.
    client = client().queueCapacity(2).status((level, message, cause) -> {
      seen.add(message);
      self[0].report(report("status says: " + message));
    }).build();
    self[0] = client;

    for (int i = 0; i < 5; i++) {
      client.report(report("failure " + i));
    }

    assertThat(client.counters().accepted() + client.counters().dropped()).isEqualTo(5);
    assertThat(seen).anyMatch(m -> m.contains("dropped"));
  }

  @Test
  void aLimitOfYourOwnIsKeptOnTopOfTelegrams() {
    client = client().pacing(dev.jahiz.delivery.Pacing.perMinute(1)).build();

    client.report(report("first"), new IllegalStateException("a"));
    client.report(report("second"), new IllegalArgumentException("b"));
    await().atMost(Duration.ofSeconds(5)).until(() -> api.messages().size() == 1);
    client.close(Duration.ofMillis(500));

    assertThat(api.messages()).hasSize(1);
    assertThat(client.counters().failed()).isEqualTo(1);
  }

  @Test
  void theTokenNeverAppearsInAnyStatusLine() {
    api.thenAnswer(json(401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}"),
        json(500, "boom"));
    client = client().maxAttempts(1).build();
    client.report(report("a"));
    client.report(report("b"), new RuntimeException());
    client.close(Duration.ofSeconds(5));

    assertThat(status).isNotEmpty();
    assertThat(String.join("\n", status)).doesNotContain(TOKEN).doesNotContain("AAH-secret");
    assertThat(client.toString()).doesNotContain("AAH-secret");
  }
}
