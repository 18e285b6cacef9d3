package dev.jahiz.receiver;

import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import dev.jahiz.receiver.testing.TestStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jahiz.receiver.testing.MutableClock;
import dev.jahiz.receiver.testing.Reply;
import dev.jahiz.receiver.testing.Reports;
import dev.jahiz.receiver.testing.RunningReceiver;
import dev.jahiz.receiver.testing.SwitchableBotApi;
import dev.jahiz.testing.BotApiHtml;
import dev.jahiz.testing.FakeBotApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * From stored report to Telegram: each report once, repeats of one failure folded into digests that
 * say how often, Telegram's rate limits obeyed, and an outage survived with nothing lost.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestStore.class)
class DeliveryTest {
  @Parameter TestStore store;
  @TempDir Path dir;
  private final SwitchableBotApi api = new SwitchableBotApi();
  private final FakeBotApi bot = api.bot();
  private RunningReceiver receiver;

  @AfterEach
  void stop() {
    if (receiver != null) {
      receiver.close();
    }
    api.close();
  }

  private List<String> visibleTexts() {
    return bot.texts().stream().map(BotApiHtml::visible).collect(Collectors.toList());
  }

  private long messagesContaining(String text) {
    return visibleTexts().stream().filter(t -> t.contains(text)).count();
  }

  private static Stream<String> failureReasons(JsonNode page) {
    List<String> reasons = new ArrayList<>();
    page.path("data").forEach(r -> {
      if (r.path("failure_reason").isTextual()) {
        reasons.add(r.path("failure_reason").asText());
      }
    });
    return reasons.stream();
  }

  private static byte[] failure(String kind, int n) {
    // Numbers in messages are masked by fingerprinting, so these are n occurrences of one failure.
    return Reports.body("error_message", kind + " failed for order " + n, "error_type", kind + "Exception",
        "app_name", "shop");
  }

  @Test
  void sameEventIdPostedTwiceIsStoredAndDeliveredOnce() {
    receiver = RunningReceiver.in(dir, store).botApi(api.url()).start();
    String id = UUID.randomUUID().toString();
    byte[] body = Reports.body("event_id", id, "error_message", "retried by a flaky client");

    Reply first = receiver.postSigned("/webhook/error", body);
    Reply second = receiver.postSigned("/webhook/error", body);

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().path("id").asText()).isEqualTo(id);
    assertThat(first.json().path("status").asText()).isEqualTo("accepted");
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.json().path("status").asText()).isEqualTo("duplicate");
    assertThat(second.json().path("success").asBoolean()).as("a seed client counts a retry as delivered").isTrue();
    assertThat(second.json().path("error_id").asText()).isEqualTo(id);
    assertThat(second.json().path("id").asText()).isEqualTo(id);

    Reply batch = receiver.postSigned("/webhook/errors", Reports.batch(Reports.fields("event_id", id,
        "error_message", "retried by a flaky client"), Reports.fields("error_message", "sentinel after the retry")));
    assertThat(batch.json().path("accepted").asInt()).isEqualTo(1);
    assertThat(batch.json().path("duplicates").asInt()).isEqualTo(1);
    assertThat(batch.json().path("results").get(0).path("status").asText()).isEqualTo("duplicate");

    // The sentinel was stored after both retries; once it is sent, anything the retries queued would be too.
    await().until(() -> messagesContaining("sentinel after the retry") == 1);
    assertThat(messagesContaining("retried by a flaky client")).isEqualTo(1);
    assertThat(receiver.errors("").path("total").asLong()).isEqualTo(2);
    assertThat(receiver.getAnonymous("/metrics").body()).contains("jahiz_reports_total{outcome=\"duplicate\"} 2.0");
  }

  @Test
  void repeatsOfOneFailureBecomeOneDigestPerGroupWindowWithTheirCount() {
    MutableClock clock = MutableClock.startingNow();
    receiver = RunningReceiver.in(dir, store).botApi(api.url()).clock(clock).set("JAHIZ_GROUP_WINDOW_SECONDS", "60").start();

    receiver.postSigned("/webhook/error", failure("Checkout", 0));
    await().until(() -> bot.messages().size() == 1);
    for (int i = 1; i < 200; i++) {
      clock.advance(Duration.ofMillis(10)); // time passes between repeats, as it does in production
      assertThat(receiver.postSigned("/webhook/error", failure("Checkout", i)).status()).isEqualTo(200);
    }
    receiver.postSigned("/webhook/error", failure("Inventory", 1));

    // A different failure is not held back by the first one's window.
    await().until(() -> messagesContaining("Inventory failed") == 1);
    // Telegram has the message a moment before the worker marks it delivered.
    await().until(() -> receiver.backlog() <= 199);
    assertThat(receiver.backlog()).as("repeats wait for the window").isEqualTo(199);
    assertThat(messagesContaining("Checkout failed")).isEqualTo(1);

    clock.advance(Duration.ofSeconds(61));

    await().until(() -> messagesContaining("Checkout failed") == 2);
    assertThat(bot.messages()).hasSize(3);
    String digest = visibleTexts().get(2);
    assertThat(digest).contains("Checkout failed for order 199", "×199");
    assertThat(BotApiHtml.problems(bot.texts().get(2))).isEmpty();
    // As above: the digest reaches Telegram a moment before its reports are marked delivered.
    await().until(() -> receiver.backlog() == 0);

    JsonNode groups = receiver.get("/groups").json();
    assertThat(groups.path("total").asInt()).isEqualTo(2);
    JsonNode checkout = groups.path("data").findParents("error_type").stream()
        .filter(g -> g.path("error_type").asText().equals("CheckoutException")).findFirst().orElseThrow();
    assertThat(checkout.path("occurrences").asLong()).isEqualTo(200);
    assertThat(checkout.path("pending").asLong()).isZero();
  }

  @Test
  void concurrentRetriesOfOneEventAreStoredOnceAndAllAnswered2xx() throws Exception {
    receiver = RunningReceiver.in(dir, store).botApi(api.url()).start();
    List<byte[]> bodies = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      // 6 events, each sent by 8 clients at once: the receiver stores concurrent requests together.
      byte[] body = Reports.body("event_id", UUID.randomUUID().toString(), "error_message", "Retried failure " + i,
          "error_type", "Retry" + i + "Exception");
      for (int copy = 0; copy < 8; copy++) {
        bodies.add(body);
      }
    }
    ExecutorService clients = Executors.newFixedThreadPool(8);
    List<Reply> replies = new ArrayList<>();
    try {
      List<Future<Reply>> answers = new ArrayList<>();
      for (byte[] body : bodies) {
        answers.add(clients.submit(() -> receiver.postSigned("/webhook/error", body)));
      }
      for (Future<Reply> answer : answers) {
        replies.add(answer.get());
      }
    } finally {
      clients.shutdownNow();
    }

    assertThat(replies).allMatch(reply -> reply.status() == 200);
    assertThat(replies).filteredOn(reply -> reply.json().path("status").asText().equals("accepted")).hasSize(6);
    assertThat(receiver.storedCount()).isEqualTo(6);
    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.backlog() == 0);
    assertThat(bot.messages()).hasSize(6);
  }

  @Test
  void concurrentPostsOfOneFailureAreAllStoredAndSentAsAFewDigests() throws Exception {
    receiver = RunningReceiver.in(dir, store).botApi(api.url()).start();
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> statuses = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int n = i;
        statuses.add(clients.submit(() -> receiver.postSigned("/webhook/error", failure("Cache", n)).status()));
      }
      for (Future<Integer> status : statuses) {
        assertThat(status.get()).isEqualTo(200);
      }
    } finally {
      clients.shutdownNow();
    }

    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.backlog() == 0);
    assertThat(receiver.storedCount()).isEqualTo(200);
    assertThat(bot.messages()).hasSizeBetween(1, 6);
    assertThat(receiver.getAnonymous("/metrics").body()).contains("jahiz_delivered_reports_total 200.0");
    assertThat(receiver.get("/groups").json().path("data").get(0).path("occurrences").asLong()).isEqualTo(200);
  }

  @Test
  void occurrenceCountsAre64BitFromRequestToDigest() {
    receiver = RunningReceiver.in(dir, store).botApi(api.url()).start();
    byte[] batch = Reports.batch(
        Reports.fields("error_message", "Hot loop failed", "fingerprint", "hot-loop", "occurrences", Integer.MAX_VALUE),
        Reports.fields("error_message", "Hot loop failed", "fingerprint", "hot-loop", "occurrences", Integer.MAX_VALUE));

    assertThat(receiver.postSigned("/webhook/errors", batch).status()).isEqualTo(200);

    await().until(() -> bot.messages().size() == 1);
    assertThat(visibleTexts().get(0)).contains("Repeated: ×4,294,967,294");
    assertThat(receiver.get("/groups").json().path("data").get(0).path("occurrences").asLong())
        .isEqualTo(4_294_967_294L);
  }

  @Test
  void digestOfABatchShowsItsMostRecentOccurrence() {
    receiver = RunningReceiver.in(dir, store).botApi(api.url()).start();
    // One batch: one receipt time for all three. Event ids sort opposite to the occurrence times.
    byte[] batch = Reports.batch(
        Reports.fields("event_id", "ffffffff-0000-4000-8000-000000000001", "error_message", "Queue stalled at 1",
            "error_type", "QueueException", "timestamp", "2026-01-10T10:00:01Z"),
        Reports.fields("event_id", "88888888-0000-4000-8000-000000000002", "error_message", "Queue stalled at 2",
            "error_type", "QueueException", "timestamp", "2026-01-10T10:00:02Z"),
        Reports.fields("event_id", "00000000-0000-4000-8000-000000000003", "error_message", "Queue stalled at 3",
            "error_type", "QueueException", "timestamp", "2026-01-10T10:00:03Z"));

    assertThat(receiver.postSigned("/webhook/errors", batch).status()).isEqualTo(200);

    await().until(() -> bot.messages().size() == 1);
    assertThat(visibleTexts().get(0)).contains("Queue stalled at 3", "×3");
    JsonNode newestFirst = receiver.errors("").path("data");
    assertThat(newestFirst.get(0).path("error_message").asText()).isEqualTo("Queue stalled at 3");
    assertThat(newestFirst.get(2).path("error_message").asText()).isEqualTo("Queue stalled at 1");
    assertThat(receiver.get("/groups").json().path("data").get(0).path("latest_id").asText())
        .isEqualTo("00000000-0000-4000-8000-000000000003");
  }

  @Test
  void telegramRetryAfterIsObeyedAndNothingIsLost() {
    bot.thenAnswer(FakeBotApi.tooManyRequests(3));
    receiver = RunningReceiver.in(dir, store).botApi(api.url()).start();

    receiver.postSigned("/webhook/error", Reports.body("error_message", "rate limited once"));
    await().until(() -> sendMessageCalls() == 1);
    long limitedAt = System.nanoTime();
    await().atMost(Duration.ofSeconds(15)).until(() -> bot.messages().size() == 1);

    // Without retry_after the next attempt would come after Telegram's 1 s pacing; it waited ~3 s.
    assertThat(Duration.ofNanos(System.nanoTime() - limitedAt)).isGreaterThan(Duration.ofMillis(2500));
    assertThat(sendMessageCalls()).isEqualTo(2);
    assertThat(visibleTexts().get(0)).contains("rate limited once");
    JsonNode stored = receiver.errors("").path("data").get(0);
    assertThat(stored.path("status").asText()).isEqualTo("delivered");
    assertThat(stored.path("attempts").asInt()).isEqualTo(2);
    assertThat(receiver.getAnonymous("/metrics").body())
        .contains("jahiz_delivery_attempts_seconds_count{outcome=\"rate_limited\"} 1\n",
            "jahiz_delivery_attempts_seconds_count{outcome=\"delivered\"} 1\n");
  }

  private long sendMessageCalls() {
    return bot.paths().stream().filter(p -> p.endsWith("/sendMessage")).count();
  }

  @Test
  void outageBuildsABacklogThatDrainsAsOneDigestPerFailure() {
    receiver = RunningReceiver.in(dir, store).botApi(api.url()).start();
    api.down();

    for (int i = 0; i < 8; i++) {
      for (String kind : List.of("Payment", "Search", "Email")) {
        assertThat(receiver.postSigned("/webhook/error", failure(kind, i)).status()).isEqualTo(200);
      }
    }
    await().until(() -> api.failedCalls() >= 2);
    JsonNode health = receiver.getAnonymous("/health").json();
    assertThat(health.path("backlog").path("pending").asLong()).isEqualTo(24);
    assertThat(health.path("telegram").path("ok").asBoolean()).isFalse();
    assertThat(health.path("status").asText()).isEqualTo("degraded");
    assertThat(bot.messages()).isEmpty();
    JsonNode pending = receiver.errors("status=pending&limit=100");
    assertThat(pending.path("total").asLong()).isEqualTo(24);
    assertThat(pending.path("data")).anySatisfy(r -> assertThat(r.path("failure_reason").asText()).contains("500"));

    api.up();

    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.backlog() == 0);
    assertThat(bot.messages()).hasSize(3);
    for (String kind : List.of("Payment", "Search", "Email")) {
      assertThat(visibleTexts()).filteredOn(t -> t.contains(kind + " failed")).singleElement()
          .satisfies(t -> assertThat(t).contains("×8"));
    }
    assertThat(receiver.errors("status=delivered&limit=1").path("total").asLong()).isEqualTo(24);
    assertThat(receiver.getAnonymous("/metrics").body()).contains("jahiz_delivered_reports_total 24.0");
  }

  @Test
  void aHangingTelegramNeitherHoldsUpIngestionNorLosesReports() {
    receiver = RunningReceiver.in(dir, store).botApi(api.url()).set("JAHIZ_TELEGRAM_TIMEOUT_SECONDS", "1").start();
    api.hang();

    for (int i = 0; i < 5; i++) {
      for (String kind : List.of("Payment", "Search")) {
        assertThat(receiver.postSigned("/webhook/error", failure(kind, i)).status()).isEqualTo(200);
      }
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> failureReasons(receiver.errors("status=pending&limit=100"))
        .findAny().isPresent());
    JsonNode pending = receiver.errors("status=pending&limit=100");
    assertThat(pending.path("total").asLong()).isEqualTo(10);
    assertThat(failureReasons(pending)).anyMatch(r -> r.contains("SocketTimeoutException"));
    assertThat(bot.messages()).isEmpty();

    api.up();

    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.backlog() == 0);
    assertThat(bot.messages()).hasSize(2);
    for (String kind : List.of("Payment", "Search")) {
      assertThat(visibleTexts()).filteredOn(t -> t.contains(kind + " failed")).singleElement()
          .satisfies(t -> assertThat(t).contains("×5"));
    }
  }
}
