package dev.jahiz.telegram;

import static dev.jahiz.testing.FakeBotApi.TOKEN;
import static dev.jahiz.testing.FakeBotApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jahiz.delivery.DeliveryOutcome;
import dev.jahiz.delivery.MessageButton;
import dev.jahiz.delivery.MessageOptions;
import dev.jahiz.report.ErrorReport;
import dev.jahiz.report.Severity;
import dev.jahiz.testing.BotApiHtml;
import dev.jahiz.testing.FakeBotApi;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TelegramTransportTest {
  private final FakeBotApi api = new FakeBotApi();
  private final List<String> status = new CopyOnWriteArrayList<>();
  private final TelegramTransport transport = transport().build();

  private TelegramTransport.Builder transport() {
    return TelegramTransport.builder().botToken(TOKEN).chatId("-1001234567890").apiBaseUrl(api.url())
        .status((level, message, cause) -> status.add(level + " " + message + " " + cause));
  }

  @AfterEach
  void close() {
    transport.close();
    api.close();
  }

  @Test
  void sendsValidHtmlToTheConfiguredChat() {
    DeliveryOutcome outcome = transport.deliver(ErrorReport.of("disk <full> & on fire"));

    assertThat(outcome.isDelivered()).isTrue();
    JsonNode sent = api.messages().get(0);
    assertThat(sent.path("chat_id").asText()).isEqualTo("-1001234567890");
    assertThat(sent.path("parse_mode").asText()).isEqualTo("HTML");
    assertThat(BotApiHtml.problems(sent.path("text").asText())).isEmpty();
    assertThat(sent.path("text").asText()).contains("disk &lt;full&gt; &amp; on fire");
  }

  @Test
  void postsIntoAForumTopicAndSilencesLowSeverities() {
    TelegramTransport topic = transport().messageThreadId(42L).silentBelow(Severity.ERROR).build();

    topic.deliver(ErrorReport.builder().errorMessage("just a warning").severity(Severity.WARNING).build());
    topic.deliver(ErrorReport.builder().errorMessage("an error").severity(Severity.ERROR).build());

    List<JsonNode> sent = api.messages();
    assertThat(sent.get(0).path("message_thread_id").asLong()).isEqualTo(42L);
    assertThat(sent.get(0).path("disable_notification").asBoolean()).isTrue();
    assertThat(sent.get(1).path("disable_notification").asBoolean()).isFalse();
    topic.close();
  }

  @Test
  void aNoteLeadsTheMessageAndButtonsBecomeItsInlineKeyboard() {
    MessageOptions options = MessageOptions.builder().note("Regression: resolved on 2026-01-02 10:00 UTC")
        .row(List.of(MessageButton.callback("Resolve", "resolve"), MessageButton.callback("Mute 1 h", "mute_1h")))
        .row(List.of(MessageButton.link("Open", "https://jahiz.example.com/ui/groups/abc")))
        .build();

    assertThat(transport.deliver(ErrorReport.of("ledger is closed"), options).isDelivered()).isTrue();

    JsonNode sent = api.messages().get(0);
    assertThat(BotApiHtml.visible(sent.path("text").asText()))
        .startsWith("Regression: resolved on 2026-01-02 10:00 UTC\n").contains("ledger is closed");
    JsonNode keyboard = sent.path("reply_markup").path("inline_keyboard");
    assertThat(keyboard.get(0).findValuesAsText("callback_data")).containsExactly("resolve", "mute_1h");
    assertThat(keyboard.get(1).get(0).path("url").asText()).isEqualTo("https://jahiz.example.com/ui/groups/abc");
  }

  @Test
  void aMessageWhoseButtonsTelegramRefusesIsSentWithoutThem() {
    api.thenAnswer(json(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: BUTTON_URL_INVALID\"}"));
    MessageOptions options = MessageOptions.builder()
        .row(List.of(MessageButton.link("Open", "http://localhost:8000/ui/groups/abc"))).build();

    DeliveryOutcome outcome = transport.deliver(ErrorReport.of("ledger is closed"), options);

    assertThat(outcome.isDelivered()).isTrue();
    assertThat(api.messages()).hasSize(1);
    assertThat(api.messages().get(0).has("reply_markup")).isFalse();
    assertThat(status).anyMatch(s -> s.startsWith("WARN") && s.contains("BUTTON_URL_INVALID"));
  }

  @Test
  void tooManyRequestsCarriesTelegramsRetryAfter() {
    api.thenAnswer(FakeBotApi.tooManyRequests(7));

    DeliveryOutcome outcome = transport.deliver(ErrorReport.of("x"));

    assertThat(outcome.kind()).isEqualTo(DeliveryOutcome.Kind.RATE_LIMITED);
    assertThat(outcome.retryAfter()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void serverErrorsAreRetryableAndOtherClientErrorsAreNot() {
    api.thenAnswer(json(502, "<html>Bad Gateway</html>"),
        json(403, "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was kicked from the group chat\"}"));

    assertThat(transport.deliver(ErrorReport.of("x")).kind()).isEqualTo(DeliveryOutcome.Kind.RETRYABLE);
    DeliveryOutcome rejected = transport.deliver(ErrorReport.of("x"));
    assertThat(rejected.kind()).isEqualTo(DeliveryOutcome.Kind.REJECTED);
    assertThat(rejected.reason()).contains("bot was kicked");
  }

  @Test
  void resendsAsPlainTextWhenTelegramCannotParseTheHtml() {
    api.thenAnswer(json(400, "{\"ok\":false,\"error_code\":400,\"description\":"
        + "\"Bad Request: can't parse entities: Unsupported start tag \\\"foo\\\" at byte offset 0\"}"));

    DeliveryOutcome outcome = transport.deliver(ErrorReport.of("a <b>bold</b> claim"));

    assertThat(outcome.isDelivered()).isTrue();
    JsonNode resent = api.messages().get(0);
    assertThat(resent.has("parse_mode")).isFalse();
    assertThat(resent.path("text").asText()).contains("a <b>bold</b> claim");
    assertThat(status).anyMatch(s -> s.contains("resent as plain text"));
  }

  @Test
  void followsAGroupThatMigratedToASupergroup() {
    api.thenAnswer(json(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: group chat was "
        + "upgraded to a supergroup chat\",\"parameters\":{\"migrate_to_chat_id\":-1009876543210}}"));

    assertThat(transport.deliver(ErrorReport.of("first")).isDelivered()).isTrue();
    transport.deliver(ErrorReport.of("second"));

    assertThat(api.messages()).extracting(m -> m.path("chat_id").asText())
        .containsExactly("-1009876543210", "-1009876543210");
    assertThat(transport.describe()).contains("-1009876543210");
  }

  @Test
  void sendsTheWholeTraceAsADocumentWhenTheMessageHadToTrimIt() {
    TelegramTransport withDocument = transport().sendFullTraceAsDocument(true).build();
    StringBuilder trace = new StringBuilder("java.lang.IllegalStateException: deep\n");
    for (int i = 0; i < 2000; i++) {
      trace.append("\tat com.acme.Deep.level").append(i).append("(Deep.java:").append(i).append(")\n");
    }

    withDocument.deliver(ErrorReport.builder().errorMessage("deep").stacktrace(trace.toString()).eventId("e-1").build());

    assertThat(api.documents()).hasSize(1);
    assertThat(api.documents().get(0)).contains("stacktrace-e-1.txt", "Deep.level1999(Deep.java:1999)");
    withDocument.close();
  }

  @Test
  void checksConnectivityWithGetMe() {
    assertThat(transport.checkConnectivity().isOk()).isTrue();
    assertThat(transport.checkConnectivity().detail()).isEqualTo("@jahiz_test_bot");

    TelegramTransport wrongToken = transport().botToken("1:wrong").build();
    TelegramTransport.Connectivity failed = wrongToken.checkConnectivity();
    assertThat(failed.isOk()).isFalse();
    assertThat(failed.detail()).contains("404");
    wrongToken.close();
  }

  @Test
  void theTokenNeverShowsInDescriptionsReasonsOrStatus() {
    TelegramTransport unreachable = transport().apiBaseUrl("http://127.0.0.1:1/").build();

    DeliveryOutcome outcome = unreachable.deliver(ErrorReport.of("x"));

    assertThat(outcome.kind()).isEqualTo(DeliveryOutcome.Kind.RETRYABLE);
    assertThat(outcome.toString()).doesNotContain(TOKEN).doesNotContain("AAH-secret");
    assertThat(unreachable.toString()).doesNotContain("AAH-secret");
    assertThat(unreachable.checkConnectivity().toString()).doesNotContain("AAH-secret");
    assertThat(String.join("\n", status)).doesNotContain("AAH-secret");
    unreachable.close();
  }

  @Test
  void badSettingsAreNamedWithoutEchoingTheToken() {
    assertThatThrownBy(() -> TelegramTransport.builder().chatId("1").build())
        .hasMessageContaining("bot token is missing");
    assertThatThrownBy(() -> TelegramTransport.builder().botToken("not a token AAH-secret").chatId("1").build())
        .hasMessageContaining("bot token is malformed").hasMessageNotContaining("AAH-secret");
    assertThatThrownBy(() -> TelegramTransport.builder().botToken(TOKEN).build())
        .hasMessageContaining("chat id is missing");
    assertThatThrownBy(() -> TelegramTransport.builder().botToken(TOKEN).chatId("general").build())
        .hasMessageContaining("chat id must be");
  }

  @Test
  void pacesToTelegramsLimitsForGroupsAndPrivateChats() {
    assertThat(transport.pacing().toString()).isEqualTo("20/PT1M and 1/PT1S");
    TelegramTransport direct = transport().chatId("12345").build();
    assertThat(direct.pacing().toString()).isEqualTo("1/PT1S");
    direct.close();
  }
}
