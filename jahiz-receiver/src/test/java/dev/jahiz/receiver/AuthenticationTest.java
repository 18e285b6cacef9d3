package dev.jahiz.receiver;

import static dev.jahiz.receiver.testing.RunningReceiver.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jahiz.delivery.DeliveryOutcome;
import dev.jahiz.receiver.testing.MutableClock;
import dev.jahiz.receiver.testing.Reply;
import dev.jahiz.receiver.testing.Reports;
import dev.jahiz.receiver.testing.RunningReceiver;
import dev.jahiz.receiver.testing.Signed;
import dev.jahiz.report.ErrorReport;
import dev.jahiz.webhook.WebhookTransport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every way a write can be authenticated (timestamped HMAC, body HMAC as openssl makes it, the seed's
 * plain secret header) with good, bad, missing and stale credentials, and the lock-out after repeated
 * failures. A refused write is answered {"error", "details"} and leaves nothing stored.
 */
class AuthenticationTest {
  private static final byte[] BODY = Reports.body("error_message", "payment gateway timed out", "severity", "error",
      "app_name", "shop");

  @TempDir Path dir;
  private final MutableClock clock = MutableClock.startingNow();
  private RunningReceiver receiver;

  private RunningReceiver start(String... settings) {
    receiver = RunningReceiver.in(dir).clock(clock).settings(settings).start();
    return receiver;
  }

  @AfterEach
  void stop() {
    if (receiver != null) {
      receiver.close();
    }
  }

  private static void assertUnauthorized(Reply reply, String detailFragment) {
    assertThat(reply.status()).as("%s", reply).isEqualTo(401);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    JsonNode json = reply.json();
    assertThat(json.path("error").asText()).isEqualTo("unauthorized");
    assertThat(json.path("details").asText()).contains(detailFragment);
    assertThat(reply.body()).doesNotContain(SECRET);
  }

  private void assertNothingStored() {
    assertThat(receiver.storedCount()).isZero();
    assertThat(receiver.get("/stats").json().path("total_reports").asLong()).isZero();
  }

  // --- timestamped HMAC (X-Jahiz-Timestamp / X-Jahiz-Signature) ---

  @Test
  void timestampedSignatureIsAccepted() {
    start();
    Reply reply = receiver.postJson("/webhook/error", BODY, Signed.timestamped(SECRET, BODY, clock.instant()));

    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    assertThat(receiver.storedCount()).isEqualTo(1);
  }

  @Test
  void timestampedSignatureWithAnotherSecretIsRefused() {
    start();
    Reply reply = receiver.postJson("/webhook/error", BODY, Signed.timestamped("not-the-secret", BODY, clock.instant()));

    assertUnauthorized(reply, "signature does not match");
    assertNothingStored();
  }

  @Test
  void timestampedSignatureOfAnotherBodyIsRefused() {
    start();
    Map<String, String> headers = Signed.timestamped(SECRET, BODY, clock.instant());
    byte[] altered = new String(BODY, StandardCharsets.UTF_8).replace("timed out", "is fine")
        .getBytes(StandardCharsets.UTF_8);

    assertUnauthorized(receiver.postJson("/webhook/error", altered, headers), "signature does not match");
    assertNothingStored();
  }

  @Test
  void timestampOlderThanTheReplayWindowIsRefusedEvenWithTheRightSignature() {
    start("JAHIZ_REPLAY_WINDOW_SECONDS", "60");
    Map<String, String> signedEarlier = Signed.timestamped(SECRET, BODY, clock.instant());

    clock.advance(Duration.ofSeconds(61));
    assertUnauthorized(receiver.postJson("/webhook/error", BODY, signedEarlier), "replay window");
    assertNothingStored();

    // within the window the same kind of request passes
    Reply fresh = receiver.postJson("/webhook/error", BODY,
        Signed.timestamped(SECRET, BODY, clock.instant().minusSeconds(50)));
    assertThat(fresh.status()).as("%s", fresh).isEqualTo(200);
  }

  @Test
  void timestampFarInTheFutureIsRefused() {
    start();
    Reply reply = receiver.postJson("/webhook/error", BODY,
        Signed.timestamped(SECRET, BODY, clock.instant().plusSeconds(301)));

    assertUnauthorized(reply, "replay window");
    assertNothingStored();
  }

  @Test
  void timestampWithoutSignatureIsRefused() {
    start();
    Map<String, String> headers = new HashMap<>(Signed.timestamped(SECRET, BODY, clock.instant()));
    headers.remove("X-Jahiz-Signature");

    assertUnauthorized(receiver.postJson("/webhook/error", BODY, headers), "missing X-Jahiz-Signature");
    assertNothingStored();
  }

  // --- body HMAC (X-Signature) ---

  @ParameterizedTest
  @ValueSource(strings = {"hex", "sha256=hex"})
  void bodySignatureIsAcceptedWithAndWithoutPrefix(String form) {
    start();
    Map<String, String> headers = form.equals("hex") ? Signed.bodyHex(SECRET, BODY) : Signed.bodyPrefixed(SECRET, BODY);

    Reply reply = receiver.postJson("/webhook/error", BODY, headers);

    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    assertThat(receiver.storedCount()).isEqualTo(1);
  }

  @Test
  void signatureMadeByOpensslIsAccepted() {
    start();
    // echo -n '{"error_message":"disk full","severity":"warning"}' \
    //   | openssl dgst -sha256 -hmac "test-webhook-secret-7d41c0ffee"
    byte[] body = "{\"error_message\":\"disk full\",\"severity\":\"warning\"}".getBytes(StandardCharsets.UTF_8);
    String openssl = "de9d34110659c7ec867cbfe374b14d79943074a59af0b1e57dc0b2871ba6f6dd";
    assertThat(Signed.hmacHex(SECRET, body)).as("the test's own HMAC agrees with openssl").isEqualTo(openssl);

    Reply reply = receiver.postJson("/webhook/error", body, Map.of("X-Signature", openssl));

    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    assertThat(receiver.errors("").path("data").get(0).path("error_message").asText()).isEqualTo("disk full");
  }

  @Test
  void aReplayedBodySignedRequestIsADuplicateStoredAndSentOnce() {
    start();
    byte[] batch = Reports.batch(Reports.fields("error_message", "first"), Reports.fields("error_message", "second"));

    Reply first = receiver.postJson("/webhook/error", BODY, Signed.bodyHex(SECRET, BODY));
    Reply replay = receiver.postJson("/webhook/error", BODY, Signed.bodyHex(SECRET, BODY));
    Reply batchFirst = receiver.postJson("/webhook/errors", batch, Signed.bodyHex(SECRET, batch));
    Reply batchReplay = receiver.postJson("/webhook/errors", batch, Signed.bodyHex(SECRET, batch));
    clock.advance(Duration.ofDays(2)); // a body-only signature never expires: the digest is what is remembered
    Reply later = receiver.postJson("/webhook/error", BODY, Signed.bodyHex(SECRET, BODY));

    assertThat(first.json().path("status").asText()).isEqualTo("accepted");
    for (Reply r : List.of(replay, later)) {
      assertThat(r.status()).as("%s", r).isEqualTo(200);
      assertThat(r.json().path("status").asText()).isEqualTo("duplicate");
      assertThat(r.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
    }
    assertThat(batchFirst.json().path("accepted").asInt()).isEqualTo(2);
    assertThat(batchReplay.json().path("duplicates").asInt()).isEqualTo(2);
    assertThat(receiver.storedCount()).isEqualTo(3);
  }

  @Test
  void aReplayedTimestampedRequestWithinTheWindowIsADuplicateButTheSameReportSignedAgainIsNot() {
    start();
    Map<String, String> signed = Signed.timestamped(SECRET, BODY, clock.instant());

    Reply first = receiver.postJson("/webhook/error", BODY, signed);
    Reply replay = receiver.postJson("/webhook/error", BODY, signed);
    clock.advance(Duration.ofSeconds(1));
    Reply again = receiver.postJson("/webhook/error", BODY, Signed.timestamped(SECRET, BODY, clock.instant()));

    assertThat(first.json().path("status").asText()).isEqualTo("accepted");
    assertThat(replay.json().path("status").asText()).isEqualTo("duplicate");
    assertThat(again.json().path("status").asText()).as("a new signature is a new report").isEqualTo("accepted");
    assertThat(receiver.storedCount()).isEqualTo(2);
  }

  @Test
  void aReportWithItsOwnEventIdKeepsIt() {
    start();
    byte[] body = Reports.body("error_message", "own id", "event_id", "3f2b8c1e-9a4d-4c2e-8f1a-2b3c4d5e6f70");

    Reply reply = receiver.postJson("/webhook/error", body, Signed.bodyHex(SECRET, body));

    assertThat(reply.json().path("id").asText()).isEqualTo("3f2b8c1e-9a4d-4c2e-8f1a-2b3c4d5e6f70");
  }

  @Test
  void bodySignatureWithAnotherSecretIsRefused() {
    start();
    assertUnauthorized(receiver.postJson("/webhook/error", BODY, Signed.bodyPrefixed("nope", BODY)),
        "signature does not match");
    assertNothingStored();
  }

  @Test
  void bodyChangedAfterSigningIsRefused() {
    start();
    Map<String, String> headers = Signed.bodyHex(SECRET, BODY);
    byte[] altered = new String(BODY, StandardCharsets.UTF_8).replace("\"error\"", "\"info\"")
        .getBytes(StandardCharsets.UTF_8);

    assertUnauthorized(receiver.postJson("/webhook/error", altered, headers), "signature does not match");
    assertNothingStored();
  }

  @Test
  void malformedBodySignatureIsRefused() {
    start();
    assertUnauthorized(receiver.postJson("/webhook/error", BODY, Map.of("X-Signature", "sha256=not-hex")),
        "signature does not match");
    assertNothingStored();
  }

  // --- plain secret header (X-Webhook-Secret) ---

  @Test
  void secretHeaderIsAccepted() {
    start();
    Reply reply = receiver.postJson("/webhook/error", BODY, Signed.secretHeader(SECRET));

    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    assertThat(receiver.storedCount()).isEqualTo(1);
  }

  @Test
  void wrongSecretHeaderIsRefused() {
    start();
    assertUnauthorized(receiver.postJson("/webhook/error", BODY, Signed.secretHeader(SECRET + "x")), "does not match");
    assertNothingStored();
  }

  @Test
  void secretHeaderCanBeSwitchedOffLeavingSignaturesWorking() {
    start("JAHIZ_ALLOW_SECRET_HEADER", "false");

    assertUnauthorized(receiver.postJson("/webhook/error", BODY, Signed.secretHeader(SECRET)), "disabled");
    assertUnauthorized(receiver.postJson("/webhook/error", BODY, Map.of()), "missing signature");
    assertThat(receiver.postJson("/webhook/error", BODY, Map.of()).json().path("details").asText())
        .doesNotContain("X-Webhook-Secret");
    assertNothingStored();

    assertThat(receiver.postJson("/webhook/error", BODY, Signed.bodyHex(SECRET, BODY)).status()).isEqualTo(200);
    assertThat(receiver.postSigned("/webhook/error", BODY).status()).isEqualTo(200);
  }

  // --- missing credentials, every write endpoint ---

  @ParameterizedTest
  @ValueSource(strings = {"/webhook/error", "/webhook/errors", "/webhook/test"})
  void writeWithoutCredentialsIsRefused(String path) {
    start();
    byte[] body = path.equals("/webhook/errors") ? ("[" + new String(BODY, StandardCharsets.UTF_8) + "]")
        .getBytes(StandardCharsets.UTF_8) : BODY;

    Reply reply = receiver.postJson(path, body, Map.of());

    assertUnauthorized(reply, "missing signature");
    assertThat(reply.json().path("details").asText())
        .contains("X-Jahiz-Timestamp", "X-Jahiz-Signature", "X-Signature", "X-Webhook-Secret");
    assertNothingStored();
  }

  // --- lock-out ---

  @Test
  void repeatedFailuresFromOneAddressAreThrottledForTheRestOfTheMinute() {
    start("JAHIZ_AUTH_FAILURES_PER_MINUTE", "3");
    for (int i = 0; i < 3; i++) {
      assertUnauthorized(receiver.postJson("/webhook/error", BODY, Signed.secretHeader("guess-" + i)), "does not match");
    }

    Reply throttled = receiver.postJson("/webhook/error", BODY, Signed.secretHeader(SECRET));

    assertThat(throttled.status()).as("%s", throttled).isEqualTo(429);
    assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 60L);
    assertThat(throttled.json().path("error").asText()).contains("too many failed authentications");
    assertThat(throttled.json().has("details")).isTrue();
    assertNothingStored();

    clock.advance(Duration.ofSeconds(61));
    assertThat(receiver.postJson("/webhook/error", BODY, Signed.secretHeader(SECRET)).status()).isEqualTo(200);
  }

  @Test
  void xForwardedForCannotDodgeTheLockOutUnlessItComesFromATrustedProxy(@TempDir Path otherDir) {
    start("JAHIZ_AUTH_FAILURES_PER_MINUTE", "2");
    for (int i = 0; i < 2; i++) {
      // Anyone can send X-Forwarded-For: a new value per guess must not give a fresh allowance.
      receiver.postJson("/webhook/error", BODY, Map.of("X-Forwarded-For", "203.0.113." + i, "X-Webhook-Secret", "x"));
    }
    assertThat(receiver.postJson("/webhook/error", BODY, Map.of("X-Forwarded-For", "203.0.113.99",
        "X-Webhook-Secret", SECRET)).status()).isEqualTo(429);
    receiver.close();

    // Behind a listed proxy, each client behind it has its own allowance.
    receiver = RunningReceiver.in(otherDir).clock(clock).set("JAHIZ_AUTH_FAILURES_PER_MINUTE", "2")
        .set("JAHIZ_TRUSTED_PROXIES", "10.0.0.0/8, 127.0.0.1").start();
    for (int i = 0; i < 2; i++) {
      receiver.postJson("/webhook/error", BODY, Map.of("X-Forwarded-For", "203.0.113.7", "X-Webhook-Secret", "x"));
    }
    assertThat(receiver.postJson("/webhook/error", BODY, Map.of("X-Forwarded-For", "203.0.113.7",
        "X-Webhook-Secret", SECRET)).status()).as("the guessing client").isEqualTo(429);
    assertThat(receiver.postJson("/webhook/error", BODY, Map.of("X-Forwarded-For", "203.0.113.7, 203.0.113.8",
        "X-Webhook-Secret", SECRET)).status()).as("another client behind the proxy").isEqualTo(200);
  }

  @Test
  void successfulWritesDoNotCountTowardsTheLockOut() {
    start("JAHIZ_AUTH_FAILURES_PER_MINUTE", "2");
    for (int i = 0; i < 5; i++) {
      byte[] body = Reports.body("error_message", "ok " + i);
      assertThat(receiver.postSigned("/webhook/error", body).status()).isEqualTo(200);
    }
    assertUnauthorized(receiver.postJson("/webhook/error", BODY, Map.of()), "missing");
    assertThat(receiver.postSigned("/webhook/error", BODY).status()).isEqualTo(200);
  }

  // --- core's client ---

  @Test
  void coreWebhookTransportIsAcceptedAsIs() {
    start();
    try (WebhookTransport transport = WebhookTransport.builder()
        .receiverUrl("http://127.0.0.1:" + receiver.receiver().port() + "/").secret(SECRET).clock(clock).build()) {
      DeliveryOutcome outcome = transport.deliver(ErrorReport.builder().errorMessage("sent by jahiz-java")
          .appName("billing").build());

      assertThat(outcome.isDelivered()).as("%s", outcome).isTrue();
    }
    assertThat(receiver.errors("app=billing").path("total").asLong()).isEqualTo(1);
  }
}
