package dev.jahiz.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jahiz.receiver.testing.Reply;
import dev.jahiz.receiver.testing.Reports;
import dev.jahiz.receiver.testing.RunningReceiver;
import dev.jahiz.receiver.testing.Signed;
import dev.jahiz.testing.BotApiHtml;
import dev.jahiz.testing.FakeBotApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sentry's webhooks, posted as Sentry posts them (the fixtures byte for byte, signed over those
 * bytes with the integration's client secret), stored as reports and delivered to the fake Bot API
 * in Jahiz's layout with the content of seed 003's alert.
 */
class SentryWebhookTest {
  static final String SENTRY_SECRET = "sentry-client-secret-9f8e7d6c5b4a";
  private static final Path FIXTURES = Path.of("../../shared/fixtures/sentry");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final FakeBotApi bot = new FakeBotApi();
  private RunningReceiver receiver;

  @BeforeEach
  void start() {
    receiver = RunningReceiver.in(dir).botApi(bot.url()).set("SENTRY_CLIENT_SECRET", SENTRY_SECRET).start();
  }

  @AfterEach
  void stop() {
    receiver.close();
    bot.close();
  }

  private static byte[] fixture(String name) throws IOException {
    return Files.readAllBytes(FIXTURES.resolve(name));
  }

  private Reply postSentry(String path, String resource, byte[] body, String requestId) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Sentry-Hook-Resource", resource);
    headers.put("Sentry-Hook-Timestamp", Long.toString(receiver.now().getEpochSecond()));
    headers.put("Sentry-Hook-Signature", Signed.hmacHex(SENTRY_SECRET, body));
    headers.put("Request-ID", requestId);
    return receiver.postJson(path, body, headers);
  }

  private Reply postSentry(String resource, byte[] body) {
    return postSentry("/webhook/sentry", resource, body, UUID.randomUUID().toString());
  }

  private String awaitMessage(int index) {
    await().until(() -> bot.messages().size() > index);
    return bot.texts().get(index);
  }

  @Test
  void anEventAlertIsDeliveredWithTheAlertTheErrorItsLocationRequestUserAndALinkToTheIssue() throws Exception {
    Reply reply = postSentry("event_alert", fixture("sentry_app_event_alert__sentry-docs.json"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("status").asText()).isEqualTo("accepted");
    assertThat(reply.json().path("fingerprint").asText()).isEqualTo("sentry-1117540176");
    String html = awaitMessage(0);
    String text = BotApiHtml.visible(html);
    assertThat(BotApiHtml.problems(html)).isEmpty();
    assertThat(text.lines().findFirst().orElseThrow()).isEqualTo("🟠 ERROR · front-end");
    assertThat(text).contains(
        "🚨 Sentry alert: Very Important Alert Rule!\n",
        "ReferenceError: heck is not defined\n",
        "Where: <anonymous>:3\n",
        "Request: https://null.jsbin.com/runner\n",
        "User: ip 162.218.85.90\n",
        "Host: Mac OS X 10.14.0\n",
        "🔗 View in Sentry\n",
        "#unknown_error #browser_Chrome_75_0_3770",
        "· via Sentry ·",
        // The trace from Sentry's frames, most recent call first.
        "ReferenceError: heck is not defined\n    at ? (<anonymous>:3:5)\n    at ? (/js/prod/runner-4.1.7.min.js:1:13924)");
    assertThat(html).contains("<a href=\"https://sentry.io/organizations/test-org/issues/1117540176/\">View in Sentry</a>",
        "<pre><code");

    JsonNode stored = receiver.get("/errors/" + reply.json().path("id").asText()).json();
    assertThat(stored.path("report").path("source").asText()).isEqualTo("sentry");
    assertThat(stored.path("report").path("app_name").asText()).isEqualTo("front-end");
    assertThat(stored.path("report").path("error_type").asText()).isEqualTo("ReferenceError");
    assertThat(stored.path("report").path("sdk").asText()).isEqualTo("sentry.javascript.browser/5.5.0");
    assertThat(stored.path("report").path("metadata").path("sentry_event_id").asText())
        .isEqualTo("e4874d664c3540c1a32eab185f12c5ab");
    assertThat(stored.path("report").path("timestamp").asText()).startsWith("2019-08-19T21:06:17.677");
  }

  @Test
  void seed003sPythonAlertShowsErrorLocationEnvironmentAndRelease() throws Exception {
    ObjectNode body = (ObjectNode) JSON.readTree(fixture("sentry_app_event_alert__sentry-docs.json"));
    ObjectNode event = (ObjectNode) body.path("data").path("event");
    event.put("platform", "python").put("environment", "production").put("release", "loyaltybot@1.0.0")
        .put("level", "fatal");
    ObjectNode exception = (ObjectNode) event.path("exception").path("values").get(0);
    exception.put("type", "ZeroDivisionError").put("value", "division by zero");
    ArrayNode frames = (ArrayNode) exception.path("stacktrace").path("frames");
    frames.removeAll();
    frames.addObject().put("filename", "flask/app.py").put("abs_path", "/usr/lib/python3/flask/app.py")
        .put("function", "dispatch_request").put("lineno", 1799).put("in_app", false);
    frames.addObject().put("filename", "secure_api.py").put("abs_path", "/srv/secure_api.py")
        .put("function", "trigger_error").put("lineno", 155).put("in_app", true).put("context_line", "    1 / 0");

    postSentry("event_alert", JSON.writeValueAsBytes(body));

    String text = BotApiHtml.visible(awaitMessage(0));
    assertThat(text.lines().findFirst().orElseThrow()).isEqualTo("🔴 CRITICAL · front-end loyaltybot@1.0.0 · production");
    assertThat(text).contains("ZeroDivisionError: division by zero\n", "Where: secure_api.py:155 in trigger_error\n",
        "ZeroDivisionError: division by zero\n  File \"/srv/secure_api.py\", line 155, in trigger_error\n    1 / 0\n"
            + "  File \"/usr/lib/python3/flask/app.py\", line 1799, in dispatch_request");
  }

  @Test
  void aNewIssueIsAnnouncedAndItsResolutionIsAReplyToThatAnnouncement() throws Exception {
    byte[] created = fixture("sentry_app_issue_created__sentry-docs.json");
    ObjectNode resolved = (ObjectNode) JSON.readTree(created);
    resolved.put("action", "resolved");
    ((ObjectNode) resolved.path("data").path("issue")).put("status", "resolved");

    assertThat(postSentry("/api/sentry-webhook", "issue", created, UUID.randomUUID().toString()).json()
        .path("fingerprint").asText()).isEqualTo("sentry-1170820242");
    String announcement = BotApiHtml.visible(awaitMessage(0));
    await().until(() -> receiver.errors("status=delivered").path("total").asLong() == 1);
    postSentry("issue", JSON.writeValueAsBytes(resolved));
    String resolution = BotApiHtml.visible(awaitMessage(1));

    assertThat(announcement.lines().findFirst().orElseThrow()).isEqualTo("🟠 ERROR · front-end");
    assertThat(announcement).contains("🆕 New Sentry issue FRONT-END-9\n", "ReferenceError: blooopy is not defined\n",
        "Where: /runner\n", "#unknown_error", "via Sentry");
    assertThat(bot.messages().get(0).has("reply_parameters")).isFalse();
    assertThat(resolution).startsWith("🔵 INFO · front-end\n✅ Resolved in Sentry: FRONT-END-9\n"
        + "ReferenceError: blooopy is not defined\n");
    JsonNode replyTo = bot.messages().get(1).path("reply_parameters");
    assertThat(replyTo.path("message_id").asLong()).isEqualTo(1);
    assertThat(replyTo.path("allow_sending_without_reply").asBoolean()).isTrue();
  }

  @Test
  void aMetricAlertIsDeliveredWithItsDescriptionAndLinkAndItsResolutionAnswersIt() throws Exception {
    byte[] resolvedFixture = fixture("sentry_app_metric_alert__sentry-docs.json");
    ObjectNode critical = (ObjectNode) JSON.readTree(resolvedFixture);
    critical.put("action", "critical");
    ((ObjectNode) critical.path("data")).put("description_title", "Too many errors");

    postSentry("metric_alert", JSON.writeValueAsBytes(critical));
    String alert = BotApiHtml.visible(awaitMessage(0));
    await().until(() -> receiver.errors("status=delivered").path("total").asLong() == 1);
    Reply reply = postSentry("metric_alert", resolvedFixture);
    String html = awaitMessage(1);
    String resolution = BotApiHtml.visible(html);

    assertThat(alert).startsWith("🔴 CRITICAL · bar\n🚨 Too many errors\nMetric alert: 1000 events in the last 10 minutes\n"
        + "Filter: level:error\n");
    assertThat(reply.json().path("status").asText()).isEqualTo("accepted");
    assertThat(resolution).startsWith("🔵 INFO · bar\n✅ Resolved: Too many errors\n"
        + "Metric alert: 1000 events in the last 10 minutes\nFilter: level:error\n");
    assertThat(resolution).contains("🔗 View in Sentry\n");
    assertThat(html).contains("<a href=\"https://sentry.io/organizations/baz/alerts/1/\">View in Sentry</a>");
    assertThat(bot.messages().get(1).path("reply_parameters").path("message_id").asLong()).isEqualTo(1);
  }

  @Test
  void aBadOrMissingSignatureIs401AndStoresNothing() throws Exception {
    byte[] body = fixture("sentry_app_event_alert__sentry-docs.json");
    Map<String, String> wrong = Map.of("Sentry-Hook-Resource", "event_alert",
        "Sentry-Hook-Signature", Signed.hmacHex("not-the-secret", body));
    byte[] tampered = new String(body, java.nio.charset.StandardCharsets.UTF_8).replace("heck", "hack")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Map<String, String> overOriginal = Map.of("Sentry-Hook-Resource", "event_alert",
        "Sentry-Hook-Signature", Signed.hmacHex(SENTRY_SECRET, body));

    Reply wrongSecret = receiver.postJson("/webhook/sentry", body, wrong);
    Reply tamperedBody = receiver.postJson("/webhook/sentry", tampered, overOriginal);
    Reply unsigned = receiver.postJson("/webhook/sentry", body, Map.of("Sentry-Hook-Resource", "event_alert"));

    assertThat(wrongSecret.status()).isEqualTo(401);
    assertThat(tamperedBody.status()).isEqualTo(401);
    assertThat(unsigned.status()).isEqualTo(401);
    assertThat(unsigned.json().path("details").asText()).contains("Sentry-Hook-Signature");
    assertThat(receiver.storedCount()).isZero();
    assertThat(receiver.getAnonymous("/metrics").body()).contains("jahiz_reports_total{outcome=\"unauthorized\"} 3.0");
  }

  @Test
  void unknownResourcesAreAnswered2xxAndCountedInstallationsAcknowledged() {
    byte[] body = Reports.body("action", "created", "data", Map.of("thing", 1));

    Reply unknown = postSentry("preprod_artifact", body);
    Reply installation = postSentry("installation", Reports.body("action", "created",
        "installation", Map.of("uuid", "a8e5d37a-696c-4c54-adb5-b3f28d64c7de")));

    assertThat(unknown.status()).isEqualTo(200);
    assertThat(unknown.json().path("status").asText()).isEqualTo("ignored");
    assertThat(installation.status()).isEqualTo(200);
    assertThat(installation.json().path("status").asText()).isEqualTo("acknowledged");
    assertThat(receiver.storedCount()).isZero();
    assertThat(receiver.getAnonymous("/metrics").body()).contains(
        "jahiz_sentry_webhooks_total{action=\"created\",outcome=\"ignored\",resource=\"other\"} 1.0",
        "jahiz_sentry_webhooks_total{action=\"created\",outcome=\"acknowledged\",resource=\"installation\"} 1.0");
  }

  @Test
  void theSameRequestIdTwiceIsStoredAndDeliveredOnce() throws Exception {
    byte[] body = fixture("sentry_app_event_alert__sentry-docs.json");
    String requestId = UUID.randomUUID().toString();

    Reply first = postSentry("/webhook/sentry", "event_alert", body, requestId);
    Reply again = postSentry("/webhook/sentry", "event_alert", body, requestId);
    postSentry("issue", fixture("sentry_app_issue_created__sentry-docs.json"));

    assertThat(first.json().path("status").asText()).isEqualTo("accepted");
    assertThat(first.json().path("id").asText()).isEqualTo(requestId);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().path("status").asText()).isEqualTo("duplicate");
    await().until(() -> receiver.backlog() == 0 && bot.messages().size() >= 2);
    assertThat(bot.texts()).filteredOn(t -> t.contains("heck is not defined")).hasSize(1);
    assertThat(receiver.storedCount()).isEqualTo(2);
    // Like the other write endpoints, Sentry's requests are monitored, as source "sentry".
    await().untilAsserted(() -> assertThat(receiver.get("/api/health/webhook/sentry").json()
        .path("last_15_minutes").path("requests_received").asInt()).isEqualTo(3));
    assertThat(receiver.get("/api/health/webhook/sentry").json().path("last_15_minutes").path("duplicates").asInt())
        .isEqualTo(1);
  }

  @Test
  void theLegacyPluginIsAcceptedOnlyWithTheTokenParameter() throws Exception {
    JsonNode event = JSON.readTree(fixture("sentry_app_event_alert__sentry-docs.json")).path("data").path("event");
    byte[] body = Reports.json(Map.of("id", "27379932", "project", "checkout", "project_name", "Checkout",
        "culprit", "?(<anonymous>)", "message", "heck is not defined", "level", "error",
        "url", "https://sentry.io/organizations/acme/issues/27379932/", "event", event));

    Reply withoutToken = receiver.postJson("/api/sentry-webhook", body, Map.of());
    Reply wrongToken = receiver.postJson("/api/sentry-webhook?token=guess", body, Map.of());
    Reply withToken = receiver.postJson("/api/sentry-webhook?token=" + SENTRY_SECRET, body, Map.of());

    assertThat(withoutToken.status()).isEqualTo(401);
    assertThat(wrongToken.status()).isEqualTo(401);
    assertThat(withToken.status()).isEqualTo(200);
    assertThat(withToken.json().path("fingerprint").asText()).isEqualTo("sentry-27379932");
    String html = awaitMessage(0);
    assertThat(BotApiHtml.visible(html)).contains("🟠 ERROR · checkout\n🚨 Sentry alert\n",
        "ReferenceError: heck is not defined\n");
    assertThat(html).contains("<a href=\"https://sentry.io/organizations/acme/issues/27379932/\">View in Sentry</a>");
    assertThat(receiver.storedCount()).isEqualTo(1);
  }
}
