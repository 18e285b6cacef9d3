package dev.jahiz.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jahiz.receiver.testing.ReceiverProcess;
import dev.jahiz.receiver.testing.Reply;
import dev.jahiz.receiver.testing.Reports;
import dev.jahiz.receiver.testing.RunningReceiver;
import dev.jahiz.receiver.testing.SwitchableBotApi;
import dev.jahiz.receiver.testing.TestStore;
import dev.jahiz.testing.BotApiHtml;
import dev.jahiz.testing.FakeBotApi;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three receivers, each its own JVM, on one PostgreSQL database, with reports spread over them
 * round-robin as a load balancer would, and client retries landing on another instance: every report
 * is stored once, every digest sent once, the chat's pace held across all three, and the reads agree.
 * Then the instance holding a digest's lease is killed (SIGKILL) while Telegram has the message but
 * has not answered: another instance sends that digest once more after the lease expires, the
 * documented at-most-one duplicate, and nothing else twice.
 */
class SeveralReceiversTest {
  private static final int LEASE_SECONDS = 6;

  @TempDir Path dir;
  private final SwitchableBotApi api = new SwitchableBotApi();
  private final FakeBotApi bot = api.bot();
  private final List<ReceiverProcess> receivers = new ArrayList<>();

  @AfterEach
  void stop() {
    receivers.forEach(ReceiverProcess::close);
    api.close();
  }

  private Map<String, String> settings() {
    Map<String, String> env = new HashMap<>(RunningReceiver.in(dir, TestStore.POSTGRESQL).botApi(api.url())
        .set("JAHIZ_DELIVERY_LEASE_SECONDS", String.valueOf(LEASE_SECONDS))
        .set("JAHIZ_TELEGRAM_TIMEOUT_SECONDS", "3").settings());
    env.remove("JAHIZ_PORT");
    env.remove("JAHIZ_DB_PATH");
    return env;
  }

  private static byte[] failure(String kind, String eventId) {
    return Reports.body("event_id", eventId, "error_message", kind + " failed", "error_type", kind + "Exception",
        "app_name", "shop");
  }

  private long messagesContaining(String text) {
    return bot.texts().stream().map(BotApiHtml::visible).filter(t -> t.contains(text + " failed")).count();
  }

  @Test
  void threeReceiversShareTheWorkOnceAndOneKilledMidSendIsTakenOverAfterItsLease() throws Exception {
    Map<String, String> env = settings();
    List<Thread> starting = new ArrayList<>();
    List<ReceiverProcess> started = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 3; i++) {
      String name = "receiver-" + i;
      Thread t = new Thread(() -> started.add(ReceiverProcess.start(dir, name, env)));
      t.start();
      starting.add(t);
    }
    for (Thread t : starting) {
      t.join();
    }
    receivers.addAll(started);
    assertThat(receivers).hasSize(3);

    // Nine failures round-robin, each retried by its client on the next instance.
    List<String> kinds = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      String kind = "Kind" + (char) ('A' + i);
      kinds.add(kind);
      byte[] body = failure(kind, UUID.randomUUID().toString());
      Reply first = receivers.get(i % 3).postSigned("/webhook/error", body);
      Reply retry = receivers.get((i + 1) % 3).postSigned("/webhook/error", body);
      assertThat(first.status()).isEqualTo(200);
      assertThat(retry.status()).isEqualTo(200);
      assertThat(retry.json().path("status").asText()).isEqualTo("duplicate");
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> bot.messages().size() >= 9);
    // Telegram's pace for a private chat is a message a second; three receivers each pacing only
    // themselves would send these in three seconds. A message arrives a send's latency after its
    // slot, which varies on a loaded machine (the first of a fresh JVM is slowest): the slots
    // themselves are checked exactly below, from the database.
    List<Long> firstNine = api.forwardedAt();
    assertThat(firstNine.get(8) - firstNine.get(1)).as("messages 2 to 9 at a message a second")
        .isGreaterThan(TimeUnit.MILLISECONDS.toNanos(6_700));
    for (String kind : kinds) {
      assertThat(messagesContaining(kind)).as(kind).isEqualTo(1);
    }
    for (ReceiverProcess r : receivers) {
      assertThat(r.read("/errors?limit=100").path("total").asLong()).isEqualTo(9);
    }
    await().until(() -> receivers.get(0).read("/stats").path("by_status").path("pending").asLong() == 0);
    for (String read : List.of("/errors?limit=100", "/groups", "/stats")) {
      JsonNode expected = receivers.get(0).read(read);
      assertThat(receivers.get(1).read(read)).as(read).isEqualTo(expected);
      assertThat(receivers.get(2).read(read)).as(read).isEqualTo(expected);
    }

    // A digest reaches Telegram, its answer never comes back, and its sender is killed meanwhile.
    api.stallNextAnswer();
    receivers.get(0).postSigned("/webhook/error", failure("Stuck", UUID.randomUUID().toString()));
    await().atMost(Duration.ofSeconds(30)).until(() -> api.stalledAnswers() == 1);
    long holderPid = leaseHolderPid("digest:");
    ReceiverProcess holder = receivers.stream().filter(r -> r.pid() == holderPid).findFirst().orElseThrow();
    holder.kill();
    receivers.remove(holder);
    long killedAt = System.nanoTime();
    // Reports keep coming to the two left; they deliver them meanwhile.
    List<String> later = List.of("AfterA", "AfterB", "AfterC");
    for (int i = 0; i < later.size(); i++) {
      assertThat(receivers.get(i % 2).postSigned("/webhook/error", failure(later.get(i), UUID.randomUUID().toString()))
          .status()).isEqualTo(200);
    }

    await().atMost(Duration.ofSeconds(60)).until(() -> messagesContaining("Stuck") == 2);
    assertThat(System.nanoTime() - killedAt).as("taken over only once the lease expired")
        .isGreaterThan(TimeUnit.SECONDS.toNanos(LEASE_SECONDS - 3));
    await().atMost(Duration.ofSeconds(30)).until(() -> bot.messages().size() >= 9 + 2 + 3);
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> bot.messages().size() == 14);
    for (String kind : kinds) {
      assertThat(messagesContaining(kind)).as(kind).isEqualTo(1);
    }
    for (String kind : later) {
      assertThat(messagesContaining(kind)).as(kind).isEqualTo(1);
    }
    assertThat(messagesContaining("Stuck")).isEqualTo(2);

    List<Long> slots = sendSlots();
    assertThat(slots).as("a send slot per message").hasSize(14);
    for (int i = 1; i < slots.size(); i++) {
      assertThat(slots.get(i) - slots.get(i - 1)).as("slot %d", i + 1).isGreaterThanOrEqualTo(1_000);
    }
    JsonNode all = receivers.get(0).read("/errors?limit=100");
    assertThat(all.path("total").asLong()).isEqualTo(13);
    await().until(() -> receivers.get(1).read("/stats").path("by_status").path("pending").asLong() == 0);
  }

  /** When each message's send slot was taken (epoch ms), as the receivers recorded them together. */
  private List<Long> sendSlots() throws Exception {
    List<Long> out = new ArrayList<>();
    try (Connection c = TestStore.POSTGRESQL.connect(dir); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT sent_at FROM chat_sends ORDER BY sent_at")) {
      while (rs.next()) {
        out.add(rs.getLong(1));
      }
    }
    return out;
  }

  private long leaseHolderPid(String keyPrefix) throws Exception {
    try (Connection c = TestStore.POSTGRESQL.connect(dir); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT holder FROM leases WHERE lease_key LIKE '" + keyPrefix + "%'")) {
      assertThat(rs.next()).as("a digest's lease is held").isTrue();
      String holder = rs.getString(1); // host/pid/random
      return Long.parseLong(holder.split("/")[1]);
    }
  }
}
