package dev.jahiz.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jahiz.receiver.testing.Reply;
import dev.jahiz.receiver.testing.Reports;
import dev.jahiz.receiver.testing.RunningReceiver;
import dev.jahiz.receiver.testing.SwitchableBotApi;
import dev.jahiz.testing.FakeBotApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What operators look at: service info, health and readiness, Prometheus metrics, the API description. */
class HealthAndMetricsTest {
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

  private RunningReceiver startWithBot() {
    receiver = RunningReceiver.in(dir).botApi(api.url()).start();
    return receiver;
  }

  @Test
  void rootDescribesTheServiceAndListsEveryRoute() {
    startWithBot();
    Reply reply = receiver.getAnonymous("/");

    assertThat(reply.status()).isEqualTo(200);
    JsonNode info = reply.json();
    assertThat(info.path("service").asText()).isEqualTo("jahiz-receiver");
    assertThat(info.path("version").asText()).isNotBlank().isNotEqualTo("unknown").doesNotContain("${");
    assertThat(info.path("mode").asText()).isEqualTo("telegram");
    assertThat(info.path("docs").asText()).isEqualTo("/docs");
    List<String> endpoints = new ArrayList<>();
    info.path("endpoints").forEach(e -> endpoints.add(e.asText()));
    List<String> others = new ArrayList<>(receiver.receiver().routes());
    others.remove("GET /");
    assertThat(endpoints).as("every route but this one").containsExactlyInAnyOrderElementsOf(others);
  }

  @Test
  void healthAnswersWhileTheBotApiHangs() {
    bot.hang();
    receiver = RunningReceiver.in(dir).botApi(bot.url()).start();

    Reply reply = receiver.getAnonymous("/health");

    assertThat(reply.status()).isEqualTo(200);
    JsonNode health = reply.json();
    assertThat(health.path("status").asText()).isEqualTo("degraded");
    assertThat(health.path("telegram").path("ok").asBoolean()).isFalse();
    assertThat(health.path("telegram").path("detail").asText()).contains("no answer");
  }

  @Test
  void healthReportsDatabaseTelegramAndBacklog() {
    startWithBot();
    Reply reply = receiver.getAnonymous("/health");

    assertThat(reply.status()).isEqualTo(200);
    JsonNode health = reply.json();
    assertThat(health.path("status").asText()).isEqualTo("ok");
    assertThat(health.path("database").path("ok").asBoolean()).isTrue();
    assertThat(health.path("telegram").path("mode").asText()).isEqualTo("telegram");
    assertThat(health.path("telegram").path("ok").asBoolean()).isTrue();
    assertThat(health.path("telegram").path("detail").asText()).isEqualTo("@jahiz_test_bot");
    assertThat(health.path("backlog").path("pending").asLong()).isZero();
    assertThat(health.path("config").path("complete").asBoolean()).isTrue();
    assertThat(bot.paths()).contains("/bot" + FakeBotApi.TOKEN + "/getMe");
  }

  @Test
  void healthShowsTelegramRefusingTheTokenWithoutShowingTheToken() {
    bot.thenAnswer(FakeBotApi.json(401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}"));
    startWithBot();

    Reply reply = receiver.getAnonymous("/health");

    assertThat(reply.status()).isEqualTo(200);
    JsonNode health = reply.json();
    assertThat(health.path("status").asText()).isEqualTo("degraded");
    assertThat(health.path("telegram").path("ok").asBoolean()).isFalse();
    assertThat(health.path("telegram").path("detail").asText()).contains("Unauthorized");
    assertThat(reply.body()).doesNotContain(FakeBotApi.TOKEN).doesNotContain(FakeBotApi.TOKEN.split(":")[1]);
  }

  @Test
  void healthShowsTheBacklogWhileTelegramIsDown() {
    api.down();
    startWithBot();
    receiver.postSigned("/webhook/error", Reports.body("error_message", "queued while down"));
    await().until(() -> api.failedCalls() >= 2);

    JsonNode health = receiver.getAnonymous("/health").json();

    assertThat(health.path("status").asText()).isEqualTo("degraded");
    assertThat(health.path("backlog").path("pending").asLong()).isEqualTo(1);
    assertThat(health.path("backlog").path("oldest_pending_age_seconds").isNumber()).isTrue();
    assertThat(receiver.getAnonymous("/metrics").body()).contains("jahiz_delivery_backlog 1.0");
  }

  @Test
  void liveAndReadyWithACompleteConfiguration() {
    startWithBot();

    assertThat(receiver.getAnonymous("/health/live").status()).isEqualTo(200);
    assertThat(receiver.getAnonymous("/health/live").json().path("status").asText()).isEqualTo("alive");
    Reply ready = receiver.getAnonymous("/health/ready");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.json().path("status").asText()).isEqualTo("ready");
  }

  @Test
  void notReadyInDevelopmentModeWithoutSecretButAlive() {
    receiver = RunningReceiver.in(dir).unset("WEBHOOK_SECRET").set("JAHIZ_DEV_MODE", "true").start();

    Reply ready = receiver.getAnonymous("/health/ready");

    assertThat(ready.status()).isEqualTo(503);
    assertThat(ready.json().path("status").asText()).isEqualTo("not ready");
    assertThat(ready.json().path("reason").asText()).contains("WEBHOOK_SECRET");
    assertThat(receiver.getAnonymous("/health/live").status()).isEqualTo(200);
    JsonNode health = receiver.getAnonymous("/health").json();
    assertThat(health.path("config").path("complete").asBoolean()).isFalse();
    assertThat(health.path("status").asText()).isEqualTo("degraded");
    assertThat(health.path("telegram").path("mode").asText()).isEqualTo("console");
  }

  @Test
  void notReadyWhenTheDatabaseCannotBeWritten() throws IOException {
    startWithBot();
    assertThat(receiver.getAnonymous("/health/ready").status()).isEqualTo(200);

    // The database file is replaced by a directory: nothing can be opened, let alone written.
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.createDirectory(dir.resolve("jahiz.db"));

    Reply ready = receiver.getAnonymous("/health/ready");
    assertThat(ready.status()).isEqualTo(503);
    assertThat(ready.json().path("reason").asText()).contains("database");
    Reply health = receiver.getAnonymous("/health");
    assertThat(health.status()).isEqualTo(503);
    assertThat(health.json().path("status").asText()).isEqualTo("down");
    assertThat(health.json().path("database").path("ok").asBoolean()).isFalse();
    Reply write = receiver.postSigned("/webhook/error", Reports.body("error_message", "nowhere to go"));
    assertThat(write.status()).as("%s", write).isEqualTo(503);
    assertThat(write.json().path("error").asText()).isEqualTo("storage unavailable");
  }

  @Test
  void metricsCountRequestsReportsDeliveriesAndBacklog() {
    startWithBot();
    receiver.postSigned("/webhook/error", Reports.body("error_message", "counted"));
    receiver.postJson("/webhook/error", Reports.body("error_message", "unsigned"), Map.of());
    receiver.get("/errors/00000000-0000-4000-8000-000000000000");
    await().until(() -> bot.messages().size() == 1);

    await().untilAsserted(() -> assertThat(receiver.getAnonymous("/metrics").body()).contains(
        "http_server_requests_seconds_count{method=\"POST\",route=\"/webhook/error\",status=\"200\"} 1\n",
        "http_server_requests_seconds_count{method=\"POST\",route=\"/webhook/error\",status=\"401\"} 1\n",
        "http_server_requests_seconds_count{method=\"GET\",route=\"/errors/{id}\",status=\"404\"} 1\n",
        "jahiz_reports_total{outcome=\"accepted\"} 1.0",
        "jahiz_reports_total{outcome=\"unauthorized\"} 1.0",
        "jahiz_delivery_attempts_seconds_count{outcome=\"delivered\"} 1\n",
        "jahiz_delivery_latency_seconds_count 1\n",
        "jahiz_delivered_reports_total 1.0",
        "jahiz_delivery_backlog 0.0"));
    Reply metrics = receiver.getAnonymous("/metrics");
    assertThat(metrics.header("Content-Type")).startsWith("text/plain");
    assertThat(metrics.body()).contains("# TYPE jahiz_delivery_latency_seconds summary");
  }

  @Test
  void openApiDescribesExactlyTheRegisteredRoutes() {
    startWithBot();
    Reply reply = receiver.getAnonymous("/openapi.json");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    JsonNode spec = reply.json();
    assertThat(spec.path("openapi").asText()).startsWith("3.");
    Set<String> described = new HashSet<>();
    spec.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
      if (Set.of("get", "post", "put", "delete", "patch", "head", "options").contains(method)) {
        described.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
        assertThat(path.getValue().path(method).path("responses").size())
            .as("responses of %s %s", method, path.getKey()).isPositive();
      }
    }));
    assertThat(receiver.receiver().routes()).isNotEmpty();
    assertThat(described).containsExactlyInAnyOrderElementsOf(receiver.receiver().routes());
  }

  @Test
  void docsServeSwaggerUiOverTheDescriptionWithoutInternetAccess() {
    startWithBot();
    Reply docs = receiver.getAnonymous("/docs");

    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.header("Content-Type")).startsWith("text/html");
    assertThat(docs.body()).contains("<html", "swagger-ui", "/openapi.json").doesNotContain("https://");
    Reply script = receiver.getAnonymous("/docs/swagger-ui-bundle.js");
    assertThat(script.status()).isEqualTo(200);
    assertThat(script.header("Content-Type")).startsWith("text/javascript");
    assertThat(script.body()).contains("SwaggerUIBundle");
    Reply style = receiver.getAnonymous("/docs/swagger-ui.css");
    assertThat(style.status()).isEqualTo(200);
    assertThat(style.header("Content-Type")).startsWith("text/css");
    Reply unknown = receiver.getAnonymous("/docs/oauth2-redirect.html");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().path("error").asText()).isEqualTo("not found");
  }

  @Test
  void everyAnswerCarriesARequestIdEchoingASaneOne() {
    startWithBot();

    assertThat(receiver.getAnonymous("/health/live").header("X-Request-Id")).isNotBlank();
    assertThat(receiver.get("/health/live", Map.of("X-Request-Id", "trace-42")).header("X-Request-Id"))
        .isEqualTo("trace-42");
    assertThat(receiver.get("/health/live", Map.of("X-Request-Id", "bad id <script>")).header("X-Request-Id"))
        .isNotEqualTo("bad id <script>").isNotBlank();
  }
}
