package dev.jahiz.receiver.monitoring;

import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import dev.jahiz.receiver.testing.TestStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jahiz.receiver.testing.MutableClock;
import dev.jahiz.receiver.testing.Reports;
import dev.jahiz.receiver.testing.RunningReceiver;
import dev.jahiz.receiver.testing.Signed;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every write request becomes one webhook event, seen through the seed's health endpoints and /metrics. */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestStore.class)
class WebhookEventsTest {
  @Parameter TestStore store;
  @TempDir Path dir;
  private final MutableClock clock = MutableClock.startingNow();
  private RunningReceiver receiver;

  @AfterEach
  void stop() {
    if (receiver != null) {
      receiver.close();
    }
  }

  private RunningReceiver start() {
    receiver = RunningReceiver.in(dir, store).clock(clock).start();
    return receiver;
  }

  private JsonNode source(String name) {
    return receiver.get("/api/health/webhook/" + name).json();
  }

  @Test
  void eachRequestIsRecordedWithItsSourceOutcomeAndErrorType() {
    start();
    byte[] report = Reports.body("error_message", "card declined", "app_name", "checkout", "event_id",
        "1b4e28ba-2fa1-11d2-883f-0016d3cca427");
    assertThat(receiver.postSigned("/webhook/error", report).status()).isEqualTo(200);
    assertThat(receiver.postSigned("/webhook/error", report).status()).as("a client retry").isEqualTo(200);
    assertThat(receiver.postSigned("/webhook/error", Reports.body("app_name", "checkout")).status())
        .as("no error_message").isEqualTo(422);
    assertThat(receiver.postJson("/webhook/error", report, Signed.bodyHex("wrong secret", report)).status())
        .isEqualTo(401);
    assertThat(receiver.postJson("/webhook/error", report,
        Signed.timestamped(RunningReceiver.SECRET, report, clock.instant().minus(Duration.ofHours(1)))).status())
        .isEqualTo(401);
    assertThat(receiver.post("/webhook/error", report, Signed.bodyHex(RunningReceiver.SECRET, report)).status())
        .as("no Content-Type").isEqualTo(415);

    await().untilAsserted(() -> assertThat(source("checkout").path("last_15_minutes").path("requests_received")
        .asInt()).isEqualTo(3));
    JsonNode checkout = source("checkout").path("last_15_minutes");
    assertThat(checkout.path("requests_processed").asInt()).isEqualTo(2);
    assertThat(checkout.path("requests_failed").asInt()).isEqualTo(1);
    assertThat(checkout.path("duplicates").asInt()).isEqualTo(1);
    assertThat(checkout.path("errors_by_type")).hasToString("{\"ValidationError\":1}");
    assertThat(checkout.path("p95_processing_time_ms").asDouble()).isPositive();

    await().untilAsserted(() -> assertThat(source("unknown").path("last_15_minutes").path("requests_received")
        .asInt()).isEqualTo(3));
    JsonNode unknown = source("unknown").path("last_15_minutes");
    assertThat(unknown.path("errors_by_type")).hasToString(
        "{\"InvalidSignature\":1,\"StaleTimestamp\":1,\"UnsupportedMediaType\":1}");
    assertThat(unknown.path("signature_validation_failures").asInt()).isEqualTo(2);
    assertThat(source("unknown").path("current_hour").path("requests_received").asInt()).isEqualTo(3);

    JsonNode health = receiver.get("/api/health/webhook").json();
    assertThat(health.path("timestamp").asText()).isEqualTo(clock.instant().toString());
    assertThat(health.path("summary").path("sources_count").asInt()).isEqualTo(2);
    assertThat(health.path("summary").path("total_events_last_15min").asInt()).isEqualTo(6);
    assertThat(health.path("summary").path("total_errors_last_15min").asInt()).isEqualTo(4);
    assertThat(health.path("summary").path("overall_error_rate").asText()).isEqualTo("66.7%");
    assertThat(health.path("sources").findValuesAsText("source")).containsExactly("checkout", "unknown");
    // Below the minimum request count a failing source is degraded, not unhealthy (and not alerted on).
    assertThat(health.path("status").asText()).isEqualTo("degraded");
  }

  @Test
  void prometheusHasProcessingHistogramsPerSourceAndErrorsByType() {
    start();
    receiver.postSigned("/webhook/error", Reports.body("error_message", "boom", "app_name", "billing"));
    byte[] body = Reports.body("error_message", "forged");
    receiver.postJson("/webhook/error", body, Signed.bodyHex("wrong secret", body));

    String metrics = receiver.getAnonymous("/metrics").body();
    assertThat(metrics).contains("jahiz_webhook_processing_seconds_bucket{source=\"billing\",status=\"success\",le=");
    assertThat(metrics).contains("jahiz_webhook_processing_seconds_count{source=\"billing\",status=\"success\"} 1");
    assertThat(metrics).contains(
        "jahiz_webhook_errors_total{error_type=\"InvalidSignature\",source=\"unknown\"} 1.0");
  }

  @Test
  void theMonitoringEndpointsAskForTheReadToken() {
    start();
    for (String path : new String[] {"/api/health/webhook", "/api/health/webhook/checkout", "/api/metrics/webhook"}) {
      assertThat(receiver.getAnonymous(path).status()).as(path).isEqualTo(401);
      assertThat(receiver.get(path, Map.of("Authorization", "Bearer wrong")).status()).as(path).isEqualTo(401);
    }
    assertThat(receiver.get("/api/health/webhook").status()).isEqualTo(200);
    assertThat(receiver.get("/api/health/webhook/nobody").status()).isEqualTo(404);
    assertThat(receiver.get("/api/metrics/webhook?from=yesterday").json().path("details").path("field").asText())
        .isEqualTo("from");
  }

  @Test
  void switchedOffNothingIsRecordedAndTheEndpointsSaySo() {
    receiver = RunningReceiver.in(dir, store).clock(clock).set("WEBHOOK_MONITORING_ENABLED", "false").start();
    assertThat(receiver.postSigned("/webhook/error", Reports.body("error_message", "boom")).status()).isEqualTo(200);

    assertThat(receiver.get("/api/health/webhook").status()).isEqualTo(503);
    assertThat(receiver.get("/api/health/webhook").json().path("details").asText())
        .contains("WEBHOOK_MONITORING_ENABLED");
    assertThat(receiver.getAnonymous("/metrics").body()).doesNotContain("jahiz_webhook_processing_seconds_count");
  }
}
