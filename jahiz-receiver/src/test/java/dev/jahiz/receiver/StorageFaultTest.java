package dev.jahiz.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jahiz.receiver.testing.CapturedLogs;
import dev.jahiz.receiver.testing.MutableClock;
import dev.jahiz.receiver.testing.Reports;
import dev.jahiz.receiver.testing.RunningReceiver;
import dev.jahiz.testing.FakeBotApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import dev.jahiz.receiver.testing.SmallDisk;
import dev.jahiz.receiver.testing.SwitchableBotApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database failing under a running receiver, for real: its file deleted, its disk full. Answers
 * tell the truth about what was stored, nothing is sent twice, and the receiver recovers by itself.
 */
class StorageFaultTest {
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

  private static byte[] failure(int n) {
    return Reports.body("error_message", "Checkout failed for order " + n, "error_type", "CheckoutException");
  }

  @Test
  void aDigestDeliveredWhileItsReportsCannotBeMarkedIsNotSentAgainAndTheAnnouncedBackoffIsKept() {
    MutableClock clock = MutableClock.startingNow();
    receiver = RunningReceiver.in(dir).botApi(api.url()).clock(clock).set("JAHIZ_GROUP_WINDOW_SECONDS", "60")
        .set("JAHIZ_RETRY_BASE_MILLIS", "600000").set("JAHIZ_RETRY_MAX_SECONDS", "600").start();
    receiver.postSigned("/webhook/error", failure(0));
    await().until(() -> bot.messages().size() == 1);
    // A repeat waits for the group window; its digest is sent, and while Telegram takes it the
    // database file is deleted under the receiver.
    receiver.postSigned("/webhook/error", failure(1));
    try (CapturedLogs logs = new CapturedLogs()) {
      api.beforeNextCall(this::deleteDatabaseFile);
      clock.advance(Duration.ofSeconds(61));

      await().until(() -> bot.messages().size() == 2);
      await().until(() -> logs.text().contains("retrying in"));
      // The old worker sent the digest again on every pass, and passed every second whatever it announced.
      await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
          .until(() -> bot.messages().size() == 2 && occurrences(logs.text(), "retrying in") == 1);
      assertThat(logs.text()).contains("the database file", "is gone");
    }
  }

  @Test
  void afterADiskFullEpisodeAnswersTellWhatWasStoredAndReadinessRecoversByItself() throws Exception {
    try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), 4)) {
      receiver = RunningReceiver.in(disk.path()).botApi(bot.url()).start();
      Path filler = disk.path().resolve("filler");
      disk.fill(filler);
      Map<String, Integer> answers = new LinkedHashMap<>();
      for (int i = 0; i < 40; i++) {
        String id = UUID.randomUUID().toString();
        answers.put(id, receiver.postSigned("/webhook/error", bigReport(id)).status());
      }
      assertThat(answers.values()).contains(503);
      assertThat(receiver.getAnonymous("/health/ready").status()).isEqualTo(503);

      Files.delete(filler);

      await().until(() -> receiver.getAnonymous("/health/ready").status() == 200);
      for (int i = 0; i < 10; i++) {
        String id = UUID.randomUUID().toString();
        answers.put(id, receiver.postSigned("/webhook/error", bigReport(id)).status());
      }
      assertThat(answers.values()).as("every answer after space was freed").endsWith(200, 200, 200, 200, 200,
          200, 200, 200, 200, 200);
      for (Map.Entry<String, Integer> a : answers.entrySet()) {
        int stored = receiver.get("/errors/" + a.getKey()).status();
        assertThat(stored).as("report answered %s", a.getValue()).isEqualTo(a.getValue() == 200 ? 200 : 404);
      }
    }
  }

  private static byte[] bigReport(String id) {
    return Reports.body("event_id", id, "error_message", "disk filler " + id, "stacktrace", "x".repeat(60_000));
  }

  private void deleteDatabaseFile() {
    try {
      Files.delete(dir.resolve("jahiz.db"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static int occurrences(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
