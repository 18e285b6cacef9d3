package dev.jahiz.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jahiz.receiver.config.ConfigException;
import dev.jahiz.receiver.config.ReceiverConfig;
import dev.jahiz.receiver.testing.Reply;
import dev.jahiz.receiver.testing.Reports;
import dev.jahiz.receiver.testing.RunningReceiver;
import dev.jahiz.testing.FakeBotApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiver's ignore rules (seed 002's before_send): a matching report is stored with status
 * {@code filtered}, searchable and counted, and never delivered; the answer says so.
 */
class IgnoreRulesTest {
  @TempDir Path dir;
  private final FakeBotApi bot = new FakeBotApi();
  private RunningReceiver receiver;

  @AfterEach
  void stop() {
    if (receiver != null) {
      receiver.close();
    }
    bot.close();
  }

  @Test
  void matchingReportsAreStoredAsFilteredCountedAndNeverDelivered() throws Exception {
    Path rules = dir.resolve("ignore.rules");
    Files.writeString(rules, "# load tests report from their own app\napp=loadtest\n"
        + "class=validation_error && app=billing\n");
    receiver = RunningReceiver.in(dir).botApi(bot.url())
        .set("JAHIZ_IGNORE", "environment=production && message~(?i)\\btest\\b")
        .set("JAHIZ_IGNORE_FILE", rules.toString()).start();

    Reply seedTest = receiver.postSigned("/webhook/error", Reports.body("error_message", "Test webhook error",
        "environment", "production", "app_name", "webhooks"));
    Reply load = receiver.postSigned("/webhook/errors", Reports.batch(
        Reports.fields("error_message", "timeout under load", "app_name", "loadtest"),
        Reports.fields("error_message", "invalid literal for int()", "error_type", "ValueError", "app_name", "billing"),
        Reports.fields("error_message", "card declined", "app_name", "billing")));
    Reply real = receiver.postSigned("/webhook/error", Reports.body("error_message", "payment provider down",
        "environment", "production", "app_name", "webhooks"));

    assertThat(seedTest.status()).isEqualTo(200);
    assertThat(seedTest.json().path("status").asText()).isEqualTo("filtered");
    assertThat(seedTest.json().path("message").asText()).contains("ignore rule");
    assertThat(load.json().path("filtered").asInt()).isEqualTo(2);
    assertThat(load.json().path("results").findValuesAsText("status")).containsExactly("filtered", "filtered", "accepted");
    assertThat(real.json().path("status").asText()).isEqualTo("accepted");

    await().until(() -> receiver.backlog() == 0 && bot.messages().size() >= 2);
    assertThat(bot.texts()).hasSize(2).noneMatch(t -> t.contains("Test webhook error") || t.contains("under load")
        || t.contains("invalid literal"));
    JsonNode filtered = receiver.errors("status=filtered");
    assertThat(filtered.path("total").asLong()).isEqualTo(3);
    assertThat(receiver.errors("status=filtered&q=webhook").path("data").get(0).path("error_message").asText())
        .isEqualTo("Test webhook error");
    JsonNode stats = receiver.get("/stats").json();
    assertThat(stats.path("by_status").path("filtered").asLong()).isEqualTo(3);
    assertThat(stats.path("by_status").path("delivered").asLong()).isEqualTo(2);
    assertThat(receiver.getAnonymous("/metrics").body()).contains("jahiz_reports_total{outcome=\"filtered\"} 3.0",
        "jahiz_reports_total{outcome=\"accepted\"} 2.0");
  }

  @Test
  void aRuleThatCannotBeReadStopsTheStartNamingTheSetting(@TempDir Path other) {
    Map<String, String> env = new HashMap<>(RunningReceiver.in(other).settings());
    env.put("JAHIZ_IGNORE", "severity=info");

    assertThatThrownBy(() -> ReceiverConfig.from(env)).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("JAHIZ_IGNORE: ").hasMessageContaining("'severity=info'");
    env.remove("JAHIZ_IGNORE");
    env.put("JAHIZ_IGNORE_FILE", other.resolve("missing.rules").toString());
    assertThatThrownBy(() -> ReceiverConfig.from(env)).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("JAHIZ_IGNORE_FILE: cannot read");
  }
}
