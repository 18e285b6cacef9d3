package dev.jahiz.receiver.triage;

import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import dev.jahiz.receiver.testing.TestStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jahiz.receiver.http.Json;
import dev.jahiz.receiver.testing.Reply;
import dev.jahiz.receiver.testing.Reports;
import dev.jahiz.receiver.testing.RunningReceiver;
import dev.jahiz.testing.FakeBotApi;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Triage from the chat: alerts carry Resolve / Mute buttons (and Open with a public URL), and a press
 * by a member of the alert chat, taken by long polling or by webhook, changes the group, edits the
 * alert to say who did it, and is answered; outsiders, replays and forged webhooks change nothing.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestStore.class)
class TelegramButtonsTest {
  @Parameter TestStore store;
  private static final long ALICE = 1001;
  private static final long MALLORY = 6666;
  private static final String WEBHOOK_SECRET = "telegram-webhook-secret-0123456789";

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

  private RunningReceiver.Builder receiver() {
    bot.member(ALICE, "member");
    return RunningReceiver.in(dir, store).botApi(bot.url()).set("JAHIZ_PUBLIC_URL", "https://jahiz.example.com/");
  }

  private String alert() {
    Reply r = receiver.postSigned("/webhook/error", Reports.body("app_name", "billing",
        "error_type", "java.lang.IllegalStateException", "error_message", "ledger is closed"));
    assertThat(r.status()).isEqualTo(200);
    await().until(() -> !bot.messages().isEmpty());
    return r.json().path("fingerprint").asText();
  }

  /** A Telegram update: {@code from} pressed the button {@code data} under the first alert. */
  private String press(long updateId, long from, String username, String data) {
    JsonNode sent = bot.messages().get(0);
    ObjectNode message = Json.MAPPER.createObjectNode().put("message_id", 1).put("date", 1_700_000_000)
        .put("text", "ERROR · billing\njava.lang.IllegalStateException: ledger is closed");
    message.putObject("chat").put("id", Long.parseLong(RunningReceiver.CHAT_ID)).put("type", "group");
    message.putArray("entities").addObject().put("type", "bold").put("offset", 0).put("length", 5);
    message.set("reply_markup", sent.path("reply_markup"));
    ObjectNode update = Json.MAPPER.createObjectNode().put("update_id", updateId);
    ObjectNode query = update.putObject("callback_query").put("id", "press-" + updateId).put("data", data)
        .put("chat_instance", "-42");
    query.putObject("from").put("id", from).put("is_bot", false).put("first_name", username)
        .put("username", username);
    query.set("message", message);
    return update.toString();
  }

  private String state(String fingerprint) {
    return receiver.get("/groups").json().path("data").findValuesAsText("state").get(0);
  }

  private Reply webhook(String secret, String update) {
    return receiver.postJson("/telegram/webhook", update.getBytes(StandardCharsets.UTF_8),
        secret == null ? Map.of() : Map.of("X-Telegram-Bot-Api-Secret-Token", secret));
  }

  @Test
  void alertsCarryTheTriageButtonsAndALinkToTheGroupsPage() {
    receiver = receiver().set("JAHIZ_TELEGRAM_UPDATES", "polling").start();
    String fingerprint = alert();

    JsonNode keyboard = bot.messages().get(0).path("reply_markup").path("inline_keyboard");
    assertThat(keyboard.get(0).findValuesAsText("text")).containsExactly("Resolve", "Mute 1 h", "Mute 24 h");
    assertThat(keyboard.get(0).findValuesAsText("callback_data")).containsExactly("resolve", "mute_1h", "mute_24h");
    assertThat(keyboard.get(1).get(0).path("text").asText()).isEqualTo("Open");
    assertThat(keyboard.get(1).get(0).path("url").asText())
        .isEqualTo("https://jahiz.example.com/ui/groups/" + fingerprint);
  }

  @Test
  void resolveAndMutePressedInTheChatTakeEffectAndTheAlertSaysWhoDidIt() {
    receiver = receiver().set("JAHIZ_TELEGRAM_UPDATES", "polling").start();
    String fingerprint = alert();

    bot.queueUpdate(press(500, ALICE, "alice", "resolve"));
    await().until(() -> state(fingerprint).equals("resolved"));
    await().until(() -> bot.calls("answerCallbackQuery").size() == 1);
    JsonNode edit = bot.calls("editMessageText").get(0);
    assertThat(edit.path("message_id").asLong()).isEqualTo(1);
    assertThat(edit.path("text").asText()).startsWith("ERROR · billing").contains("✅ Resolved by @alice · ");
    assertThat(edit.path("entities").get(0).path("type").asText()).isEqualTo("bold");
    // Resolved: the alert offers no Resolve or Mute any more, only the group's page.
    assertThat(edit.path("reply_markup").path("inline_keyboard")).hasSize(1);
    assertThat(edit.path("reply_markup").path("inline_keyboard").get(0).findValuesAsText("text")).containsExactly("Open");
    assertThat(bot.calls("answerCallbackQuery").get(0).path("callback_query_id").asText()).isEqualTo("press-500");
    assertThat(receiver.get("/groups").json().path("data").get(0).path("resolved_by").asText()).isEqualTo("@alice");

    bot.queueUpdate(press(501, ALICE, "alice", "mute_24h"));
    await().until(() -> state(fingerprint).equals("muted"));
    await().until(() -> bot.calls("editMessageText").size() == 2);
    assertThat(bot.calls("editMessageText").get(1).path("text").asText()).contains("🔕 Muted for 24 h by @alice");
    // Muted: Resolve is still offered.
    assertThat(bot.calls("editMessageText").get(1).path("reply_markup").path("inline_keyboard").get(0)
        .findValuesAsText("text")).containsExactly("Resolve");
    assertThat(receiver.get("/groups").json().path("data").get(0).path("muted_by").asText()).isEqualTo("@alice");
  }

  @Test
  void aPressFromSomeoneOutsideTheChatIsRefusedAndAnswered() {
    bot.member(MALLORY, "left");
    receiver = receiver().set("JAHIZ_TELEGRAM_UPDATES", "polling").start();
    String fingerprint = alert();

    bot.queueUpdate(press(700, MALLORY, "mallory", "resolve"));
    await().until(() -> bot.calls("answerCallbackQuery").size() == 1);

    assertThat(bot.calls("answerCallbackQuery").get(0).path("text").asText())
        .isEqualTo("Only members of the alert chat can do this.");
    assertThat(bot.calls("getChatMember").get(0).path("user_id").asLong()).isEqualTo(MALLORY);
    assertThat(bot.calls("editMessageText")).isEmpty();
    assertThat(state(fingerprint)).isEqualTo("open");
  }

  @Test
  void webhookUpdatesAreVerifiedByTheSecretTokenAndAReplayIsProcessedOnce() {
    receiver = receiver().settings("JAHIZ_TELEGRAM_UPDATES", "webhook",
        "JAHIZ_TELEGRAM_WEBHOOK_SECRET", WEBHOOK_SECRET).start();
    await().until(() -> bot.calls("setWebhook").size() == 1);
    JsonNode registration = bot.calls("setWebhook").get(0);
    assertThat(registration.path("url").asText()).isEqualTo("https://jahiz.example.com/telegram/webhook");
    assertThat(registration.path("secret_token").asText()).isEqualTo(WEBHOOK_SECRET);
    assertThat(registration.path("allowed_updates").get(0).asText()).isEqualTo("callback_query");
    String fingerprint = alert();
    String update = press(900, ALICE, "alice", "mute_1h");

    assertThat(webhook("wrong-secret-wrong-secret-wrong", update).status()).isEqualTo(401);
    assertThat(webhook(null, update).status()).isEqualTo(401);
    assertThat(state(fingerprint)).isEqualTo("open");

    assertThat(webhook(WEBHOOK_SECRET, update).status()).isEqualTo(200);
    assertThat(webhook(WEBHOOK_SECRET, update).status()).isEqualTo(200);

    assertThat(state(fingerprint)).isEqualTo("muted");
    assertThat(bot.calls("answerCallbackQuery")).hasSize(1);
    assertThat(bot.calls("editMessageText")).hasSize(1);
    assertThat(bot.calls("getUpdates")).isEmpty();
  }

  @Test
  void withUpdatesOffAlertsOnlyLinkToThePage() {
    receiver = receiver().set("JAHIZ_TELEGRAM_UPDATES", "off").start();
    alert();

    JsonNode keyboard = bot.messages().get(0).path("reply_markup").path("inline_keyboard");
    assertThat(keyboard).hasSize(1);
    assertThat(keyboard.get(0).findValuesAsText("text")).isEqualTo(List.of("Open"));
    assertThat(bot.calls("getUpdates")).isEmpty();
  }
}
