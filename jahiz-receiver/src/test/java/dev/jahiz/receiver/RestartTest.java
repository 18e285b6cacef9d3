package dev.jahiz.receiver;

import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import dev.jahiz.receiver.testing.TestStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jahiz.receiver.testing.Reports;
import dev.jahiz.receiver.testing.RunningReceiver;
import dev.jahiz.receiver.testing.SwitchableBotApi;
import dev.jahiz.testing.BotApiHtml;
import dev.jahiz.testing.FakeBotApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Undelivered reports outlive the process: the next receiver on the same database sends them, once. */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestStore.class)
class RestartTest {
  @Parameter TestStore store;
  @TempDir Path dir;
  private final SwitchableBotApi api = new SwitchableBotApi();
  private final FakeBotApi bot = api.bot();

  @AfterEach
  void stop() {
    api.close();
  }

  private List<String> visibleTexts() {
    return bot.texts().stream().map(BotApiHtml::visible).collect(Collectors.toList());
  }

  private static byte[] failure(String kind, int n) {
    return Reports.body("error_message", kind + " failed for job " + n, "error_type", kind + "Error");
  }

  @Test
  void backlogLeftByAStoppedReceiverIsSentByTheNextOneAndNothingTwice() {
    try (RunningReceiver first = RunningReceiver.in(dir, store).botApi(api.url()).start()) {
      first.postSigned("/webhook/error", failure("Import", 1));
      await().until(() -> bot.messages().size() == 1);

      api.down();
      for (int i = 0; i < 4; i++) {
        first.postSigned("/webhook/error", failure("Export", i));
        first.postSigned("/webhook/error", failure("Backup", i));
      }
      await().until(() -> api.failedCalls() >= 1);
      assertThat(first.backlog()).isEqualTo(8);
    }
    api.up();

    try (RunningReceiver second = RunningReceiver.in(dir, store).botApi(api.url()).start()) {
      await().atMost(Duration.ofSeconds(15)).until(() -> second.backlog() == 0);

      assertThat(bot.messages()).hasSize(3);
      assertThat(visibleTexts()).filteredOn(t -> t.contains("Import failed")).hasSize(1);
      assertThat(visibleTexts()).filteredOn(t -> t.contains("Export failed")).singleElement()
          .satisfies(t -> assertThat(t).contains("×4"));
      assertThat(visibleTexts()).filteredOn(t -> t.contains("Backup failed")).singleElement()
          .satisfies(t -> assertThat(t).contains("×4"));
      assertThat(second.storedCount()).isEqualTo(9);
      assertThat(second.errors("status=delivered").path("total").asLong()).isEqualTo(9);
    }
  }

  @Test
  void restartWithNothingPendingSendsNothing() {
    try (RunningReceiver first = RunningReceiver.in(dir, store).botApi(api.url()).start()) {
      first.postSigned("/webhook/error", failure("Import", 1));
      await().until(() -> first.backlog() == 0);
    }
    try (RunningReceiver second = RunningReceiver.in(dir, store).botApi(api.url()).start()) {
      // A report after the restart is sent; had the old one been queued again it would be sent first.
      second.postSigned("/webhook/error", failure("Sentinel", 1));
      await().until(() -> visibleTexts().stream().anyMatch(t -> t.contains("Sentinel failed")));
      assertThat(visibleTexts()).filteredOn(t -> t.contains("Import failed")).hasSize(1);
      assertThat(second.storedCount()).isEqualTo(2);
    }
  }
}
