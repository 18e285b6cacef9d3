package dev.jahiz.receiver;

import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import dev.jahiz.receiver.testing.TestStore;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jahiz.receiver.testing.CapturedLogs;
import dev.jahiz.receiver.testing.MutableClock;
import dev.jahiz.receiver.testing.Reports;
import dev.jahiz.receiver.testing.RunningReceiver;
import dev.jahiz.receiver.testing.SwitchableBotApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stored reports are kept for JAHIZ_RETENTION_DAYS after receipt and then deleted by the retention job. */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestStore.class)
class RetentionTest {
  @Parameter TestStore store;
  @TempDir Path dir;
  private final MutableClock clock = MutableClock.startingNow();
  private RunningReceiver receiver;

  @BeforeEach
  void start() {
    receiver = RunningReceiver.in(dir, store).clock(clock).set("JAHIZ_RETENTION_DAYS", "30").start();
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  private void post(String message) {
    assertThat(receiver.postSigned("/webhook/error", Reports.body("error_message", message)).status()).isEqualTo(200);
  }

  private List<String> stored() {
    List<String> out = new ArrayList<>();
    receiver.errors("").path("data").forEach(r -> out.add(r.path("error_message").asText()));
    return out;
  }

  @Test
  void reportsOlderThanTheRetentionAreDeletedAndYoungerOnesKept() {
    post("old report");
    clock.advance(Duration.ofDays(20));
    post("recent report");
    clock.advance(Duration.ofDays(11));

    receiver.receiver().retention().runOnce();

    assertThat(stored()).containsExactly("recent report");
    JsonNode stats = receiver.get("/stats").json();
    assertThat(stats.path("total_reports").asLong()).isEqualTo(1);
    assertThat(receiver.get("/groups").json().path("total").asLong()).isEqualTo(1);
    assertThat(receiver.receiver().retention().runOnce()).as("nothing more is due").isZero();
  }

  @Test
  void reportJustInsideTheRetentionIsKept() {
    post("29 days and change");
    clock.advance(Duration.ofDays(30).minusSeconds(1));

    assertThat(receiver.receiver().retention().runOnce()).isZero();
    assertThat(stored()).containsExactly("29 days and change");

    clock.advance(Duration.ofSeconds(2));
    assertThat(receiver.receiver().retention().runOnce()).isEqualTo(1);
    assertThat(stored()).isEmpty();
  }

  @Test
  void deletedReportsAreGoneFromEveryView() {
    post("short-lived");
    String id = receiver.errors("").path("data").get(0).path("id").asText();
    clock.advance(Duration.ofDays(31));

    receiver.receiver().retention().runOnce();

    assertThat(receiver.get("/errors/" + id).status()).isEqualTo(404);
    assertThat(receiver.get("/groups").json().path("data")).isEmpty();
    assertThat(receiver.backlog()).isZero();
  }

  @Test
  void undeliveredReportsAreDeletedTooButSaidOutLoud() {
    receiver.close();
    try (SwitchableBotApi api = new SwitchableBotApi(); CapturedLogs logs = new CapturedLogs()) {
      api.down();
      receiver = RunningReceiver.in(dir, store).clock(clock).botApi(api.url()).set("JAHIZ_RETENTION_DAYS", "30").start();
      post("never got through");
      clock.advance(Duration.ofDays(31));

      assertThat(receiver.receiver().retention().runOnce()).isEqualTo(1);

      assertThat(receiver.backlog()).isZero();
      assertThat(logs.text()).contains("deleted 1 reports older than 30 days, 1 of them never delivered to Telegram");
    }
  }
}
