package dev.jahiz.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jahiz.receiver.testing.Reply;
import dev.jahiz.receiver.testing.RunningReceiver;
import dev.jahiz.receiver.testing.Signed;
import dev.jahiz.testing.BotApiHtml;
import dev.jahiz.testing.FakeBotApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed service's own examples work unchanged against this receiver. */
class SeedCompatibilityTest {
  private static final Path SEED_BODY = Path.of("../../shared/fixtures/seed-000-curl-example.json");

  @TempDir Path dir;
  private FakeBotApi bot;
  private RunningReceiver receiver;

  @BeforeEach
  void start() {
    bot = new FakeBotApi();
    receiver = RunningReceiver.in(dir).botApi(bot.url()).start();
  }

  @AfterEach
  void stop() {
    receiver.close();
    bot.close();
  }

  @Test
  void curlExampleIsAcceptedAndRenderedWithEveryFieldAsValidBotApiHtml() throws Exception {
    byte[] body = Files.readAllBytes(SEED_BODY);

    Reply reply = receiver.postJson("/webhook/error", body, Signed.secretHeader(RunningReceiver.SECRET));

    assertThat(reply.status()).as("%s", reply).isEqualTo(202);
    assertThat(reply.json().path("status").asText()).isEqualTo("accepted");
    await().until(() -> bot.messages().size() == 1);
    JsonNode message = bot.messages().get(0);
    assertThat(message.path("chat_id").asText()).isEqualTo(RunningReceiver.CHAT_ID);
    assertThat(message.path("parse_mode").asText()).isEqualTo("HTML");
    String html = message.path("text").asText();
    assertThat(BotApiHtml.problems(html)).isEmpty();
    assertThat(BotApiHtml.visible(html)).contains(
        "CRITICAL", "NullPointerException in checkout flow", "NullPointerException", "CHK_001",
        "checkout.py:42", "process_checkout",
        "E-Commerce API", "3.2.1", "production", "checkout-service", "CheckoutController",
        "POST https://api.example.com/checkout → 500",
        "usr_12345", "john_doe", "john@example.com", "sess_abc123",
        "prod-web-03", "Linux Ubuntu 22.04", "CPU 79%", "RAM 91%", "Disk 65%",
        "#team_backend", "#priority_p0",
        "order_id: ord_67890", "cart_total: 299.99", "items_count: 5",
        "File \"checkout.py\", line 42");
    assertThat(bot.messages()).hasSize(1);
  }

  @Test
  void storedReportKeepsTheSeedBodyFieldForField() throws Exception {
    byte[] body = Files.readAllBytes(SEED_BODY);
    String id = receiver.postJson("/webhook/error", body, Signed.secretHeader(RunningReceiver.SECRET))
        .json().path("id").asText();

    JsonNode stored = receiver.get("/errors/" + id).json().path("report");

    JsonNode sent = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
    sent.fields().forEachRemaining(f -> assertThat(stored.path(f.getKey())).as(f.getKey()).isEqualTo(f.getValue()));
  }

  @Test
  void testNotificationCurlWithoutBodyReachesTheChat() {
    // curl -X POST http://localhost:8000/webhook/test -H "X-Webhook-Secret: ..." : no body, no Content-Type
    Reply reply = receiver.post("/webhook/test", new byte[0], Map.of("X-Webhook-Secret", RunningReceiver.SECRET));

    assertThat(reply.status()).as("%s", reply).isEqualTo(202);
    await().until(() -> bot.messages().size() == 1);
    assertThat(BotApiHtml.visible(bot.texts().get(0))).contains("Test notification");
    assertThat(BotApiHtml.problems(bot.texts().get(0))).isEmpty();
  }
}
