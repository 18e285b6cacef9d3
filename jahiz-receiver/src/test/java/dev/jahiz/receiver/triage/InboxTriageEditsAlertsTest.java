package dev.jahiz.receiver.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jahiz.receiver.testing.Reply;
import dev.jahiz.receiver.testing.Reports;
import dev.jahiz.receiver.testing.RunningReceiver;
import dev.jahiz.receiver.testing.TestStore;
import dev.jahiz.testing.BotApiHtml;
import dev.jahiz.testing.FakeBotApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Triage done in the web inbox or through the API shows in Telegram too: the group's alert is edited
 * once (its buttons, then its text), as a button press edits it, to say what was done, from where and
 * when, with the buttons the new state leaves; a Telegram that refuses, limits or hangs changes
 * nothing about the web answer.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestStore.class)
class InboxTriageEditsAlertsTest {
  @Parameter TestStore store;
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

  /** Polling is on so alerts carry the triage buttons; the bot has no updates to give. */
  private RunningReceiver start(String... settings) {
    receiver = RunningReceiver.in(dir, store).botApi(bot.url()).settings("JAHIZ_TELEGRAM_UPDATES", "polling",
        "JAHIZ_PUBLIC_URL", "https://jahiz.example.com").settings(settings).start();
    return receiver;
  }

  private String alert() {
    Reply r = receiver.postSigned("/webhook/error", Reports.body("app_name", "billing",
        "error_type", "java.lang.IllegalStateException", "error_message", "ledger is closed"));
    assertThat(r.status()).isEqualTo(200);
    await().until(() -> !bot.messages().isEmpty());
    String fingerprint = r.json().path("fingerprint").asText();
    // The alert's message id is stored once the delivery is recorded.
    await().until(() -> receiver.get("/errors?fingerprint=" + fingerprint).json().path("data").get(0)
        .path("status").asText().equals("delivered"));
    return fingerprint;
  }

  /** Posts an inbox form as a signed-in browser does; returns the answer. */
  private Reply inboxForm(String fingerprint, String action) {
    OkHttpClient browser = receiver.http().newBuilder().followRedirects(false).build();
    Reply signIn = RunningReceiver.send(browser, new Request.Builder().url(receiver.url("/ui/login"))
        .post(new FormBody.Builder().add("token", RunningReceiver.READ_TOKEN).add("next", "/ui").build()).build());
    String cookie = signIn.header("Set-Cookie").split(";")[0];
    String page = RunningReceiver.send(browser, new Request.Builder().url(receiver.url("/ui"))
        .header("Cookie", cookie).build()).body();
    String csrf = page.replaceAll("(?s).*name=\"csrf\" value=\"([^\"]+)\".*", "$1");
    return RunningReceiver.send(browser, new Request.Builder()
        .url(receiver.url("/ui/groups/" + fingerprint + "/" + action)).header("Cookie", cookie)
        .post(new FormBody.Builder().add("csrf", csrf).build()).build());
  }

  private static List<String> row(JsonNode edit, int row) {
    return edit.path("reply_markup").path("inline_keyboard").get(row).findValuesAsText("text");
  }

  @Test
  void resolvedInTheInboxAndMutedThroughTheApiTheAlertIsEditedOnceForEach() {
    start();
    String fingerprint = alert();
    String alertText = BotApiHtml.visible(bot.texts().get(0));

    assertThat(inboxForm(fingerprint, "resolve").status()).isEqualTo(303);
    await().until(() -> bot.calls("editMessageText").size() == 1);
    // First its buttons, the line on top (Telegram answers with the alert's text), then its text.
    JsonNode buttons = bot.calls("editMessageReplyMarkup").get(0);
    assertThat(buttons.path("chat_id").asText()).isEqualTo(RunningReceiver.CHAT_ID);
    assertThat(buttons.path("message_id").asLong()).isEqualTo(1);
    assertThat(row(buttons, 0).get(0)).startsWith("✅ Resolved from the web inbox · ");
    JsonNode resolved = bot.calls("editMessageText").get(0);
    assertThat(resolved.path("chat_id").asText()).isEqualTo(RunningReceiver.CHAT_ID);
    assertThat(resolved.path("message_id").asLong()).isEqualTo(1);
    assertThat(resolved.path("text").asText()).startsWith(alertText + "\n\n✅ Resolved from the web inbox · ")
        .endsWith(" UTC");
    // Resolved: no Resolve or Mute button any more, only the link to the group's page.
    assertThat(resolved.path("reply_markup").path("inline_keyboard")).hasSize(1);
    assertThat(row(resolved, 0)).containsExactly("Open");

    assertThat(receiver.postWithReadToken("/groups/" + fingerprint + "/mute?for=1h").status()).isEqualTo(200);
    await().until(() -> bot.calls("editMessageText").size() == 2);
    JsonNode muted = bot.calls("editMessageText").get(1);
    assertThat(muted.path("message_id").asLong()).isEqualTo(1);
    assertThat(muted.path("text").asText()).startsWith(resolved.path("text").asText()
        + "\n\n🔕 Muted for 1 h through the API · ");
    assertThat(row(muted, 0)).containsExactly("Resolve");
    assertThat(row(muted, 1)).containsExactly("Open");
    // Edits run in order on one thread: a second edit for the resolve would have come before the mute's.
    assertThat(bot.calls("editMessageReplyMarkup")).hasSize(2);
    assertThat(bot.calls("editMessageText")).hasSize(2);
    assertThat(bot.messages()).hasSize(1);
    await().untilAsserted(() -> assertThat(receiver.getAnonymous("/metrics").body())
        .contains("jahiz_alert_edits_total{outcome=\"edited\"} 2.0"));
  }

  @Test
  void twoReceiversOnOneDatabaseEditTheAlertOnceForEachChange() {
    start();
    String fingerprint = alert();
    try (RunningReceiver other = RunningReceiver.in(dir, store).botApi(bot.url())
        .settings("JAHIZ_TELEGRAM_UPDATES", "polling", "JAHIZ_PUBLIC_URL", "https://jahiz.example.com").start()) {
      assertThat(other.postWithReadToken("/groups/" + fingerprint + "/resolve").status()).isEqualTo(200);
      await().until(() -> bot.calls("editMessageText").size() == 1);
      assertThat(inboxForm(fingerprint, "reopen").status()).isEqualTo(303);
      await().until(() -> bot.calls("editMessageText").size() == 2);
      assertThat(bot.calls("editMessageText").get(0).path("text").asText()).contains("✅ Resolved through the API");
      assertThat(bot.calls("editMessageText").get(1).path("text").asText()).contains("🔔 Reopened from the web inbox");
      assertThat(row(bot.calls("editMessageText").get(1), 0)).containsExactly("Resolve", "Mute 1 h", "Mute 24 h");
    }
    // Three changes, three edits: no receiver edited a change another one took.
    assertThat(receiver.postWithReadToken("/groups/" + fingerprint + "/mute?for=24h").status()).isEqualTo(200);
    await().until(() -> bot.calls("editMessageText").size() >= 3);
    assertThat(bot.calls("editMessageText")).hasSize(3);
    assertThat(bot.calls("editMessageReplyMarkup")).hasSize(3);
  }

  @Test
  void aRateLimitedEditWaitsItsTurnAndIsMadeOnceTheWebAnswerIsUnchanged() {
    start();
    String fingerprint = alert();
    bot.rateLimitEverything(1);

    Reply answer = receiver.postWithReadToken("/groups/" + fingerprint + "/resolve");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().path("group").path("state").asText()).isEqualTo("resolved");
    await().until(() -> bot.paths().stream().filter(p -> p.endsWith("/editMessageReplyMarkup")).count() >= 1);
    bot.serveNormally();
    await().until(() -> bot.calls("editMessageText").size() == 1);
    assertThat(bot.calls("editMessageReplyMarkup")).hasSize(1);
    assertThat(bot.calls("editMessageText").get(0).path("text").asText()).contains("\n\n✅ Resolved through the API · ");
    await().untilAsserted(() -> assertThat(receiver.getAnonymous("/metrics").body())
        .contains("jahiz_alert_edits_total{outcome=\"retried\"}")
        .contains("jahiz_alert_edits_total{outcome=\"edited\"} 1.0"));
  }

  @Test
  void anEditTelegramRefusesIsCountedAndNotRetried() {
    start("JAHIZ_TELEGRAM_UPDATES", "off");
    String fingerprint = alert();
    bot.thenAnswer(FakeBotApi.json(400, "{\"ok\":false,\"error_code\":400,"
        + "\"description\":\"Bad Request: message can't be edited\"}"));

    assertThat(inboxForm(fingerprint, "mute_24h").status()).isEqualTo(303);

    await().untilAsserted(() -> assertThat(receiver.getAnonymous("/metrics").body())
        .contains("jahiz_alert_edits_total{outcome=\"refused\"} 1.0"));
    assertThat(receiver.get("/groups").json().path("data").get(0).path("state").asText()).isEqualTo("muted");
    // The next change edits the alert again: a refusal does not block the ones after it.
    assertThat(receiver.postWithReadToken("/groups/" + fingerprint + "/reopen").status()).isEqualTo(200);
    await().until(() -> bot.calls("editMessageText").size() == 1);
    JsonNode reopened = bot.calls("editMessageText").get(0);
    assertThat(reopened.path("text").asText()).contains("\n\n🔔 Reopened through the API · ");
    assertThat(row(reopened, 0)).containsExactly("Open"); // updates off: no triage buttons to offer
    assertThat(bot.paths().stream().filter(p -> p.endsWith("/editMessageReplyMarkup")).count()).isEqualTo(2);
  }

  @Test
  void anAlertWhoseTextHasNoRoomForTheLineKeepsItAsAButtonRow() {
    start("JAHIZ_TELEGRAM_UPDATES", "off");
    String fingerprint = alert();
    // Telegram answers the buttons' edit with the alert's text: here one at the 4096-character limit.
    bot.thenAnswer(FakeBotApi.json(200, "{\"ok\":true,\"result\":{\"message_id\":1,\"date\":1700000000,"
        + "\"chat\":{\"id\":" + RunningReceiver.CHAT_ID + "},\"text\":\"" + "x".repeat(4080) + "\"}}"));

    assertThat(receiver.postWithReadToken("/groups/" + fingerprint + "/resolve").status()).isEqualTo(200);

    await().untilAsserted(() -> assertThat(receiver.getAnonymous("/metrics").body())
        .contains("jahiz_alert_edits_total{outcome=\"edited\"} 1.0"));
    assertThat(bot.paths().stream().filter(p -> p.endsWith("/editMessageReplyMarkup")).count()).isEqualTo(1);
    assertThat(bot.paths()).noneMatch(p -> p.endsWith("/editMessageText"));
  }

  @Test
  void aTelegramThatDoesNotAnswerDoesNotHoldUpTheWebRequest() {
    // A Bot API call waits up to a minute; the browser here gives up after 10 s.
    start("JAHIZ_TELEGRAM_TIMEOUT_SECONDS", "60", "JAHIZ_TELEGRAM_UPDATES", "off");
    String fingerprint = alert();
    bot.hang();
    OkHttpClient impatient = receiver.http().newBuilder().readTimeout(Duration.ofSeconds(10)).build();

    Reply answer = RunningReceiver.send(impatient, new Request.Builder()
        .url(receiver.url("/groups/" + fingerprint + "/resolve"))
        .header("Authorization", "Bearer " + RunningReceiver.READ_TOKEN).post(RequestBody.create(new byte[0])).build());

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().path("group").path("state").asText()).isEqualTo("resolved");
    await().until(() -> bot.paths().stream().anyMatch(p -> p.endsWith("/editMessageReplyMarkup")));
  }
}
