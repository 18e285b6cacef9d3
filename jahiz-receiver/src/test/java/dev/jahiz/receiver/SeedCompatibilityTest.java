package dev.jahiz.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jahiz.receiver.testing.Reply;
import dev.jahiz.receiver.testing.RunningReceiver;
import dev.jahiz.receiver.testing.Signed;
import dev.jahiz.testing.BotApiHtml;
import dev.jahiz.testing.FakeBotApi;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
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

    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
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

  /**
   * Byte for byte what the seed's Python SDK posts from {@code report_exception}: httpx's headers,
   * {@code json.dumps} spacing, unset fields as {@code null}, a naive {@code datetime.utcnow().isoformat()}
   * timestamp and the SDK's own md5 fingerprint. The SDK counts only a 200 as success and then reads
   * the JSON answer; anything else it prints to stderr as a failure and returns None to the app.
   */
  @Test
  void pythonSdkReportIsASuccessAsTheSdkJudgesIt() {
    String body = "{\"error_message\": \"division by zero\", \"severity\": \"critical\", "
        + "\"error_type\": \"ZeroDivisionError\", \"error_code\": null, "
        + "\"stacktrace\": \"Traceback (most recent call last):\\n  File \\\"/srv/app/billing.py\\\", line 31, "
        + "in charge\\n    ratio = total / count\\nZeroDivisionError: division by zero\\n\", "
        + "\"file_name\": \"/srv/app/billing.py\", \"line_number\": 31, \"function_name\": \"charge\", "
        + "\"app_name\": \"MyApp\", \"app_version\": \"2.1.0\", \"environment\": \"production\", "
        + "\"service_name\": \"payment-service\", \"component\": \"PaymentProcessor\", \"context\": null, "
        + "\"user\": {\"user_id\": \"usr_12345\", \"username\": null, \"email\": null, \"session_id\": null, "
        + "\"ip_address\": null}, "
        + "\"device\": {\"hostname\": \"web-1\", \"os\": \"Linux\", \"os_version\": \"6.1.0-26-amd64\", "
        + "\"architecture\": \"x86_64\", \"ip_address\": \"10.0.0.12\", \"cpu_usage\": 12.5, "
        + "\"memory_usage\": 43.1, \"disk_usage\": 71.0}, "
        + "\"tags\": {\"region\": \"eu-west-1\"}, \"metadata\": {\"order_id\": \"ord_67890\", \"amount\": 149.99}, "
        + "\"fingerprint\": \"9b2f0c6a4e1d8f3b7a5c2e9d1f4b6a80\", \"timestamp\": \"2026-11-30T00:48:32.123456\"}";
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Host", "127.0.0.1:" + receiver.receiver().port());
    headers.put("Accept", "*/*");
    headers.put("Accept-Encoding", "gzip, deflate");
    headers.put("Connection", "keep-alive");
    headers.put("User-Agent", "python-httpx/0.27.2");
    headers.put("Content-Type", "application/json");
    headers.put("X-Webhook-Secret", RunningReceiver.SECRET);

    Reply reply = receiver.post("/webhook/error", body.getBytes(StandardCharsets.UTF_8), headers);

    assertThat(reply.status()).as("the SDK treats only 200 as success: %s", reply).isEqualTo(200);
    JsonNode answer = reply.json();
    assertThat(answer.path("success").isBoolean()).isTrue();
    assertThat(answer.path("success").asBoolean()).isTrue();
    assertThat(answer.path("message").asText()).isNotBlank();
    String errorId = answer.path("error_id").asText();
    assertThat(errorId).isNotBlank().isEqualTo(answer.path("id").asText());
    assertThat(Instant.parse(answer.path("timestamp").asText())).isNotNull();
    assertThat(answer.path("status").asText()).isEqualTo("accepted");
    assertThat(answer.path("fingerprint").asText()).isEqualTo("9b2f0c6a4e1d8f3b7a5c2e9d1f4b6a80");

    await().until(() -> bot.messages().size() == 1);
    assertThat(BotApiHtml.visible(bot.texts().get(0))).contains("division by zero", "ZeroDivisionError",
        "billing.py:31", "MyApp", "x86_64");
    JsonNode stored = receiver.get("/errors/" + errorId).json().path("report");
    assertThat(stored.path("timestamp").asText()).isEqualTo("2026-11-30T00:48:32.123456Z");
    assertThat(stored.path("device").path("ip_address").asText()).isEqualTo("10.0.0.12");
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

    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    await().until(() -> bot.messages().size() == 1);
    assertThat(BotApiHtml.visible(bot.texts().get(0))).contains("Test notification");
    assertThat(BotApiHtml.problems(bot.texts().get(0))).isEmpty();
  }
}
