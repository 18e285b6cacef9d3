package dev.jahiz.receiver.triage;

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
import dev.jahiz.testing.BotApiHtml;
import dev.jahiz.testing.FakeBotApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resolve and mute over the HTTP API: a resolved group that fails again is announced as a regression
 * once, a muted group's occurrences are stored and counted but not sent until the mute ends, and
 * the states show in /groups and /errors.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestStore.class)
class GroupStatesTest {
  @Parameter TestStore store;
  @TempDir Path dir;
  private final FakeBotApi bot = new FakeBotApi();
  private final MutableClock clock = MutableClock.startingNow();
  private RunningReceiver receiver;

  @BeforeEach
  void start() {
    receiver = RunningReceiver.in(dir, store).botApi(bot.url()).clock(clock).start();
  }

  @AfterEach
  void stop() {
    receiver.close();
    bot.close();
  }

  private String report(String eventId) {
    Reply r = receiver.postSigned("/webhook/error", Reports.body("event_id", eventId, "app_name", "billing",
        "error_type", "java.lang.IllegalStateException", "error_message", "ledger is closed"));
    assertThat(r.status()).isEqualTo(200);
    return r.json().path("fingerprint").asText();
  }

  private JsonNode group(String fingerprint) {
    for (JsonNode g : receiver.get("/groups").json().path("data")) {
      if (g.path("fingerprint").asText().equals(fingerprint)) {
        return g;
      }
    }
    throw new AssertionError("no group " + fingerprint);
  }

  private String status(String eventId) {
    return receiver.get("/errors/" + eventId).json().path("status").asText();
  }

  private List<String> texts() {
    return bot.texts().stream().map(BotApiHtml::visible).toList();
  }

  @Test
  void aResolvedGroupThatFailsAgainIsAnnouncedAsARegressionOnce() {
    String fingerprint = report("aaaaaaaa-0000-4000-8000-000000000001");
    await().until(() -> bot.messages().size() == 1);
    assertThat(texts().get(0)).doesNotContain("Regression");

    Reply resolved = receiver.postWithReadToken("/groups/" + fingerprint + "/resolve");
    assertThat(resolved.status()).isEqualTo(200);
    assertThat(group(fingerprint).path("state").asText()).isEqualTo("resolved");
    assertThat(group(fingerprint).path("resolved_by").asText()).isEqualTo("API");

    clock.advance(Duration.ofMinutes(5));
    report("aaaaaaaa-0000-4000-8000-000000000002");
    await().until(() -> bot.messages().size() == 2);
    assertThat(texts().get(1)).startsWith("🔁 Regression: resolved on ").contains("by API", "ledger is closed");
    JsonNode reopened = group(fingerprint);
    assertThat(reopened.path("state").asText()).isEqualTo("open");
    assertThat(reopened.path("regression").asBoolean()).isTrue();
    assertThat(receiver.errors("limit=1").path("data").get(0).path("group_state").path("state").asText())
        .isEqualTo("open");

    clock.advance(Duration.ofMinutes(5));
    report("aaaaaaaa-0000-4000-8000-000000000003");
    await().until(() -> bot.messages().size() == 3);
    assertThat(texts().get(2)).doesNotContain("Regression");
  }

  @Test
  void aMutedGroupIsStoredAndCountedButNotSentUntilTheMuteEnds() {
    String fingerprint = report("bbbbbbbb-0000-4000-8000-000000000001");
    await().until(() -> bot.messages().size() == 1);

    Reply muted = receiver.postWithReadToken("/groups/" + fingerprint + "/mute?for=1h");
    assertThat(muted.status()).isEqualTo(200);
    assertThat(muted.json().path("group").path("state").asText()).isEqualTo("muted");

    report("bbbbbbbb-0000-4000-8000-000000000002");
    await().until(() -> status("bbbbbbbb-0000-4000-8000-000000000002").equals("muted"));
    assertThat(bot.messages()).hasSize(1);
    JsonNode group = group(fingerprint);
    assertThat(group.path("state").asText()).isEqualTo("muted");
    assertThat(group.path("occurrences").asLong()).isEqualTo(2);
    assertThat(group.path("muted_until").asText()).isNotEmpty();
    assertThat(receiver.errors("status=muted").path("total").asLong()).isEqualTo(1);

    clock.advance(Duration.ofMinutes(61));
    assertThat(group(fingerprint).path("state").asText()).isEqualTo("open");
    report("bbbbbbbb-0000-4000-8000-000000000003");
    await().until(() -> bot.messages().size() == 2);
  }

  @Test
  void muteUntilResolvedHoldsUntilResolvedAndAReopenedGroupIsSentAgain() {
    String fingerprint = report("cccccccc-0000-4000-8000-000000000001");
    await().until(() -> bot.messages().size() == 1);
    assertThat(receiver.postWithReadToken("/groups/" + fingerprint + "/mute").json().path("group")
        .path("muted_until").isNull()).isTrue();

    clock.advance(Duration.ofDays(3));
    report("cccccccc-0000-4000-8000-000000000002");
    await().until(() -> status("cccccccc-0000-4000-8000-000000000002").equals("muted"));
    assertThat(bot.messages()).hasSize(1);

    assertThat(receiver.postWithReadToken("/groups/" + fingerprint + "/reopen").status()).isEqualTo(200);
    report("cccccccc-0000-4000-8000-000000000003");
    await().until(() -> bot.messages().size() == 2);
  }

  @Test
  void triageNeedsTheReadTokenAndAKnownGroup() {
    String fingerprint = report("dddddddd-0000-4000-8000-000000000001");

    Reply anonymous = receiver.post("/groups/" + fingerprint + "/resolve", new byte[0], java.util.Map.of());
    Reply unknown = receiver.postWithReadToken("/groups/no-such-group/resolve");
    Reply badDuration = receiver.postWithReadToken("/groups/" + fingerprint + "/mute?for=forever");

    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(badDuration.status()).isEqualTo(400);
    assertThat(group(fingerprint).path("state").asText()).isEqualTo("open");
  }
}
