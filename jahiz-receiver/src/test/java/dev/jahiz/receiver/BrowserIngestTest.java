package dev.jahiz.receiver;

import static dev.jahiz.receiver.testing.RunningReceiver.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jahiz.receiver.testing.MutableClock;
import dev.jahiz.receiver.testing.Reply;
import dev.jahiz.receiver.testing.Reports;
import dev.jahiz.receiver.testing.RunningReceiver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Browser apps at the HTTP level, as a browser speaks it: CORS preflights and answers for the
 * allowed origins only, browser ingest keys that can only submit from their own origins within
 * their limits, and {@code navigator.sendBeacon}'s text/plain request with the key in the URL.
 * (BrowserReportingTest runs the same through a real Chromium.)
 */
class BrowserIngestTest {
  private static final String KEY = "pk_shop_4f1c9a0b7e2d";
  private static final String ADMIN_KEY = "pk_admin_9e8d7c6b5a41";
  private static final String SHOP = "https://shop.example.com";
  private static final String KEYS = KEY + "@" + SHOP + "|http://localhost:5173," + ADMIN_KEY + "@https://admin.example.com";
  private static final byte[] BODY = Reports.body("error_message", "Cannot read properties of undefined (reading 'id')",
      "error_type", "TypeError", "app_name", "shop-web");

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

  private Reply preflight(String path, String origin, String method, String headers) {
    Request.Builder b = new Request.Builder().url(receiver.url(path)).method("OPTIONS", null)
        .header("Origin", origin).header("Access-Control-Request-Method", method);
    if (headers != null) {
      b.header("Access-Control-Request-Headers", headers);
    }
    return receiver.send(b);
  }

  /** What the seed's browser SDK sends: fetch with JSON and the key in X-Webhook-Secret. */
  private Reply fetchFrom(String origin, String path, String key) {
    return receiver.postJson(path, BODY, Map.of("Origin", origin, "X-Webhook-Secret", key));
  }

  private Reply beaconFrom(String origin, String query, byte[] body) {
    return receiver.send(new Request.Builder().url(receiver.url("/webhook/error" + query))
        .header("Origin", origin).header("Content-Type", "text/plain;charset=UTF-8")
        .post(RequestBody.create(body)));
  }

  @Test
  void preflightFromAKeysOriginIsAllowedForPostAndTheSdksHeadersOnly() {
    start("JAHIZ_PUBLIC_KEYS", KEYS);

    Reply allowed = preflight("/webhook/error", SHOP, "POST", "content-type,x-webhook-secret");

    assertThat(allowed.status()).as("%s", allowed).isEqualTo(204);
    assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(SHOP);
    assertThat(allowed.header("Access-Control-Allow-Methods")).isEqualTo("POST");
    assertThat(allowed.header("Access-Control-Allow-Headers")).contains("Content-Type", "X-Webhook-Secret");
    assertThat(allowed.header("Vary")).contains("Origin");
    assertThat(preflight("/webhook/error", "http://localhost:5173", "POST", "content-type").status()).isEqualTo(204);

    Reply otherMethod = preflight("/webhook/error", SHOP, "DELETE", null);
    assertThat(otherMethod.status()).isEqualTo(403);
    assertThat(otherMethod.header("Access-Control-Allow-Origin")).isNull();
    Reply otherHeader = preflight("/webhook/error", SHOP, "POST", "content-type,authorization");
    assertThat(otherHeader.header("Access-Control-Allow-Origin")).isNull();
    assertThat(otherHeader.json().path("details").asText()).contains("authorization");
  }

  @Test
  void aPageOfAnotherOriginGetsNoCorsHeadersSoItsBrowserRefuses() {
    start("JAHIZ_PUBLIC_KEYS", KEYS, "JAHIZ_CORS_ORIGINS", "https://status.example.com");

    Reply refused = preflight("/webhook/error", "https://evil.example", "POST", "content-type,x-webhook-secret");

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
    assertThat(refused.json().path("details").asText()).contains("https://evil.example", "JAHIZ_CORS_ORIGINS");
    assertThat(preflight("/webhook/error", "https://status.example.com", "POST", "content-type").status())
        .as("an origin of JAHIZ_CORS_ORIGINS").isEqualTo(204);
    assertThat(preflight("/webhook/error", "https://shop.example.com.evil.example", "POST", null).status())
        .isEqualTo(403);
  }

  @Test
  void noOriginIsAllowedUnlessConfiguredAndEveryOriginOnlyWhenStarIsWrittenOut() {
    start();
    assertThat(preflight("/webhook/error", SHOP, "POST", "content-type,x-webhook-secret").status()).isEqualTo(403);
    receiver.close();

    start("JAHIZ_CORS_ORIGINS", "*");
    Reply any = preflight("/webhook/error", "https://anything.example", "POST", "content-type,x-webhook-secret");
    assertThat(any.status()).isEqualTo(204);
    assertThat(any.header("Access-Control-Allow-Origin")).isEqualTo("*");
    Reply stored = receiver.postJson("/webhook/error", BODY,
        Map.of("Origin", "https://anything.example", "X-Webhook-Secret", SECRET));
    assertThat(stored.status()).isEqualTo(200);
    assertThat(stored.header("Access-Control-Allow-Origin")).isEqualTo("*");
  }

  @Test
  void aBrowserKeySubmitsFromItsOriginAndTheAnswerIsReadableThere() {
    start("JAHIZ_PUBLIC_KEYS", KEYS);

    Reply reply = fetchFrom(SHOP, "/webhook/error", KEY);

    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    assertThat(reply.json().path("success").asBoolean()).isTrue();
    assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo(SHOP);
    assertThat(reply.header("Access-Control-Expose-Headers")).contains("X-Request-Id");
    assertThat(receiver.errors("app=shop-web").path("total").asLong()).isEqualTo(1);
  }

  @Test
  void aBrowserKeyIsRefusedFromAnotherOriginWithoutOriginAndForAnythingButSubmitting() {
    start("JAHIZ_PUBLIC_KEYS", KEYS);

    Reply otherKeysOrigin = fetchFrom("https://admin.example.com", "/webhook/error", KEY);
    Reply noOrigin = receiver.postJson("/webhook/error", BODY, Map.of("X-Webhook-Secret", KEY));
    Reply batch = receiver.postJson("/webhook/errors", Reports.batch(Reports.fields("error_message", "x")),
        Map.of("Origin", SHOP, "X-Webhook-Secret", KEY));
    Reply test = receiver.post("/webhook/test", new byte[0], Map.of("Origin", SHOP, "X-Webhook-Secret", KEY));
    Reply read = receiver.get("/errors", Map.of("Authorization", "Bearer " + KEY));

    assertThat(otherKeysOrigin.status()).as("%s", otherKeysOrigin).isEqualTo(403);
    assertThat(otherKeysOrigin.json().path("details").asText()).contains("https://admin.example.com");
    assertThat(otherKeysOrigin.body()).doesNotContain(KEY);
    assertThat(noOrigin.status()).isEqualTo(403);
    assertThat(noOrigin.json().path("details").asText()).contains("Origin");
    assertThat(batch.status()).isEqualTo(403);
    assertThat(test.status()).isEqualTo(403);
    assertThat(read.status()).as("a browser key never reads").isEqualTo(401);
    assertThat(receiver.storedCount()).isZero();
    assertThat(receiver.getAnonymous("/metrics").body()).contains("jahiz_reports_total{outcome=\"forbidden\"} 4.0");
  }

  @Test
  void sendBeaconsTextPlainBodyWithTheKeyInTheUrlIsStored() {
    start("JAHIZ_PUBLIC_KEYS", KEYS);

    Reply reply = beaconFrom(SHOP, "?key=" + KEY, BODY);

    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    assertThat(receiver.errors("app=shop-web").path("total").asLong()).isEqualTo(1);
  }

  @Test
  void theWebhookSecretIsNeverTakenFromAUrlNorTextPlainFromAServer() {
    start("JAHIZ_PUBLIC_KEYS", KEYS);

    Reply secretInUrl = beaconFrom(SHOP, "?key=" + SECRET, BODY);
    Reply unknownKey = beaconFrom(SHOP, "?key=pk_unknown_000000000", BODY);
    Reply plainWithSecret = receiver.post("/webhook/error", BODY,
        Map.of("Content-Type", "text/plain", "X-Webhook-Secret", SECRET));

    assertThat(secretInUrl.status()).isEqualTo(401);
    assertThat(secretInUrl.json().path("details").asText()).contains("never accepted in a URL");
    assertThat(secretInUrl.body()).doesNotContain(SECRET);
    assertThat(unknownKey.status()).isEqualTo(401);
    assertThat(plainWithSecret.status()).isEqualTo(415);
    assertThat(receiver.storedCount()).isZero();
  }

  @Test
  void eachClientAddressHasItsOwnLimitWithBrowserKeysAndWaitsOutTheMinute() {
    start("JAHIZ_PUBLIC_KEYS", KEYS, "JAHIZ_PUBLIC_KEY_ADDRESS_REPORTS_PER_MINUTE", "2");

    assertThat(fetchFrom(SHOP, "/webhook/error", KEY).status()).isEqualTo(200);
    assertThat(fetchFrom("https://admin.example.com", "/webhook/error", ADMIN_KEY).status()).isEqualTo(200);
    Reply limited = fetchFrom(SHOP, "/webhook/error", KEY);
    Reply secretStillWorks = receiver.postJson("/webhook/error", BODY, Map.of("X-Webhook-Secret", SECRET));

    assertThat(limited.status()).as("%s", limited).isEqualTo(429);
    assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
    assertThat(limited.json().path("detail").path("retry_after_seconds").asLong()).isBetween(1L, 60L);
    assertThat(limited.header("Access-Control-Allow-Origin")).as("the page can read why").isEqualTo(SHOP);
    assertThat(secretStillWorks.status()).as("servers are not limited by browsers").isEqualTo(200);
    clock.advance(Duration.ofSeconds(61));
    assertThat(fetchFrom(SHOP, "/webhook/error", KEY).status()).isEqualTo(200);
    assertThat(receiver.storedCount()).isEqualTo(4);
  }

  @Test
  void eachKeyHasItsOwnLimit() {
    start("JAHIZ_PUBLIC_KEYS", KEYS, "JAHIZ_PUBLIC_KEY_REPORTS_PER_MINUTE", "1");

    assertThat(fetchFrom(SHOP, "/webhook/error", KEY).status()).isEqualTo(200);
    Reply limited = fetchFrom(SHOP, "/webhook/error", KEY);
    Reply otherKey = fetchFrom("https://admin.example.com", "/webhook/error", ADMIN_KEY);

    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.json().path("error").asText()).contains("browser key");
    assertThat(otherKey.status()).isEqualTo(200);
  }

  @Test
  void refusalsCarryCorsHeadersSoThePageCanReadThem() {
    start("JAHIZ_PUBLIC_KEYS", KEYS);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Origin", SHOP);
    headers.put("X-Webhook-Secret", KEY);

    Reply invalid = receiver.postJson("/webhook/error", "{\"severity\":\"error\"}".getBytes(StandardCharsets.UTF_8),
        headers);

    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.header("Access-Control-Allow-Origin")).isEqualTo(SHOP);
  }
}
