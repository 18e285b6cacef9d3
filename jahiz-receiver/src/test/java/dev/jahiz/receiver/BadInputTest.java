package dev.jahiz.receiver;

import static dev.jahiz.receiver.testing.RunningReceiver.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jahiz.receiver.testing.Reply;
import dev.jahiz.receiver.testing.Reports;
import dev.jahiz.receiver.testing.RunningReceiver;
import dev.jahiz.receiver.testing.Signed;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests the receiver turns down before storing anything: too big, not JSON, not a valid report. */
class BadInputTest {
  private static final int MAX_BODY = 2048;

  @TempDir Path dir;
  private RunningReceiver receiver;

  @BeforeEach
  void start() {
    receiver = RunningReceiver.in(dir).set("JAHIZ_MAX_BODY_BYTES", Integer.toString(MAX_BODY))
        .set("JAHIZ_MAX_BATCH", "3").start();
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  private void assertNothingStored() {
    assertThat(receiver.storedCount()).isZero();
    assertThat(receiver.get("/stats").json().path("total_reports").asLong()).isZero();
  }

  private static JsonNode assertError(Reply reply, int status, String error) {
    assertThat(reply.status()).as("%s", reply).isEqualTo(status);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    JsonNode json = reply.json();
    assertThat(json.path("error").asText()).isEqualTo(error);
    assertThat(json.has("details")).isTrue();
    return json;
  }

  private static byte[] reportOfSize(int bytes) {
    String prefix = "{\"error_message\":\"";
    String suffix = "\"}";
    return (prefix + "x".repeat(bytes - prefix.length() - suffix.length()) + suffix).getBytes(StandardCharsets.UTF_8);
  }

  // --- 413 ---

  @Test
  void bodyOverTheLimitIs413EvenWhenSigned() {
    byte[] body = reportOfSize(MAX_BODY + 1);

    JsonNode json = assertError(receiver.postSigned("/webhook/error", body), 413, "payload too large");

    assertThat(json.path("details").asText()).contains(Integer.toString(MAX_BODY));
    assertNothingStored();
  }

  @Test
  void bodyAtTheLimitIsAccepted() {
    assertThat(receiver.postSigned("/webhook/error", reportOfSize(MAX_BODY)).status()).isEqualTo(200);
  }

  @Test
  void bodyOverTheLimitIs413BeforeAuthentication() {
    assertError(receiver.postJson("/webhook/error", reportOfSize(MAX_BODY * 4), Map.of()), 413, "payload too large");
    assertNothingStored();
  }

  @Test
  void chunkedBodyWithoutContentLengthIsStillLimited() {
    byte[] body = reportOfSize(MAX_BODY * 4);
    RequestBody chunked = new RequestBody() {
      @Override
      public MediaType contentType() {
        return MediaType.get("application/json");
      }

      @Override
      public long contentLength() {
        return -1; // unknown: sent chunked
      }

      @Override
      public void writeTo(BufferedSink sink) throws java.io.IOException {
        sink.write(body);
      }
    };
    Request.Builder request = new Request.Builder().url(receiver.url("/webhook/error")).post(chunked);
    Signed.timestamped(SECRET, body, receiver.now()).forEach(request::header);

    assertError(receiver.send(request), 413, "payload too large");
    assertNothingStored();
  }

  @Test
  void batchOverTheByteLimitIs413() {
    List<Map<String, Object>> many = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      many.add(Reports.fields("error_message", "y".repeat(900)));
    }
    assertError(receiver.postSigned("/webhook/errors", Reports.json(many)), 413, "payload too large");
    assertNothingStored();
  }

  // --- 415 ---

  @Test
  void textPlainBodyIs415() {
    byte[] body = Reports.body("error_message", "looks like JSON but is labelled text");
    Map<String, String> headers = new java.util.HashMap<>(Signed.bodyHex(SECRET, body));
    headers.put("Content-Type", "text/plain");

    JsonNode json = assertError(receiver.post("/webhook/error", body, headers), 415, "unsupported media type");

    assertThat(json.path("details").asText()).contains("application/json");
    assertNothingStored();
  }

  @Test
  void bodyWithoutContentTypeIs415() {
    byte[] body = Reports.body("error_message", "no content type");

    assertError(receiver.post("/webhook/error", body, Signed.bodyHex(SECRET, body)), 415, "unsupported media type");
    assertNothingStored();
  }

  @Test
  void jsonWithCharsetIsAccepted() {
    byte[] body = Reports.body("error_message", "charset is fine");
    Map<String, String> headers = new java.util.HashMap<>(Signed.bodyHex(SECRET, body));
    headers.put("Content-Type", "application/json; charset=utf-8");

    assertThat(receiver.post("/webhook/error", body, headers).status()).isEqualTo(200);
  }

  @Test
  void unauthenticatedTextPlainIs401NotTelling415() {
    Reply reply = receiver.post("/webhook/error", "hello".getBytes(StandardCharsets.UTF_8),
        Map.of("Content-Type", "text/plain"));

    assertError(reply, 401, "unauthorized");
    assertNothingStored();
  }

  // --- 422 ---

  @Test
  void missingErrorMessageIs422NamingTheField() {
    JsonNode json = assertError(receiver.postSigned("/webhook/error", Reports.body("severity", "error")), 422,
        "invalid report");

    assertThat(json.path("details")).anySatisfy(d -> {
      assertThat(d.path("field").asText()).isEqualTo("error_message");
      assertThat(d.path("message").asText()).contains("required");
    });
    assertNothingStored();
  }

  @Test
  void unknownSeverityIs422NamingTheAllowedValues() {
    JsonNode json = assertError(receiver.postSigned("/webhook/error",
        Reports.body("error_message", "x", "severity", "fatal")), 422, "invalid report");

    assertThat(json.path("details")).anySatisfy(d -> {
      assertThat(d.path("field").asText()).isEqualTo("severity");
      assertThat(d.path("message").asText()).contains("critical", "error", "warning", "info");
    });
    assertNothingStored();
  }

  @Test
  void malformedJsonIs422() {
    JsonNode json = assertError(receiver.postSigned("/webhook/error", "{\"error_message\": "), 422, "invalid report");

    assertThat(json.path("details").get(0).path("field").asText()).isEqualTo("$");
    assertNothingStored();
  }

  @Test
  void arrayToTheSingleEndpointIs422() {
    assertError(receiver.postSigned("/webhook/error", Reports.batch(Reports.fields("error_message", "x"))), 422,
        "invalid report");
    assertNothingStored();
  }

  // --- batches ---

  @Test
  void batchIsStoredWhole() {
    byte[] body = Reports.batch(Reports.fields("error_message", "one"), Reports.fields("error_message", "two"),
        Reports.fields("error_message", "three"));

    Reply reply = receiver.postSigned("/webhook/errors", body);

    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    assertThat(reply.json().path("accepted").asInt()).isEqualTo(3);
    assertThat(reply.json().path("results")).hasSize(3)
        .allSatisfy(r -> assertThat(r.path("status").asText()).isEqualTo("accepted"));
    assertThat(receiver.storedCount()).isEqualTo(3);
  }

  @Test
  void batchOverTheCountLimitIs422AndNothingIsStored() {
    byte[] body = Reports.batch(Reports.fields("error_message", "1"), Reports.fields("error_message", "2"),
        Reports.fields("error_message", "3"), Reports.fields("error_message", "4"));

    JsonNode json = assertError(receiver.postSigned("/webhook/errors", body), 422, "invalid report");

    assertThat(json.path("details").get(0).path("message").asText()).contains("at most 3");
    assertNothingStored();
  }

  @Test
  void batchWithOneBadReportIs422NamingItAndNothingIsStored() {
    byte[] body = Reports.batch(Reports.fields("error_message", "fine"), Reports.fields("severity", "error"));

    JsonNode json = assertError(receiver.postSigned("/webhook/errors", body), 422, "invalid report");

    assertThat(json.path("details")).anySatisfy(d -> assertThat(d.path("field").asText()).isEqualTo("[1].error_message"));
    assertNothingStored();
  }

  @Test
  void objectToTheBatchEndpointIs422() {
    assertError(receiver.postSigned("/webhook/errors", Reports.body("error_message", "x")), 422, "invalid report");
    assertNothingStored();
  }

  @Test
  void refusalsAreCountedByOutcomeInMetrics() {
    receiver.postSigned("/webhook/error", reportOfSize(MAX_BODY + 1));
    receiver.postSigned("/webhook/error", Reports.body("severity", "error"));
    receiver.post("/webhook/error", "x".getBytes(StandardCharsets.UTF_8), Map.of("X-Webhook-Secret", SECRET,
        "Content-Type", "text/plain"));

    String metrics = receiver.getAnonymous("/metrics").body();

    assertThat(metrics).contains("jahiz_reports_total{outcome=\"too_large\"} 1.0",
        "jahiz_reports_total{outcome=\"invalid\"} 1.0", "jahiz_reports_total{outcome=\"unsupported_media_type\"} 1.0",
        "jahiz_reports_total{outcome=\"accepted\"} 0.0");
  }
}
