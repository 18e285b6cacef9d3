package dev.jahiz.receiver;

import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import dev.jahiz.receiver.testing.TestStore;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jahiz.receiver.testing.Reply;
import dev.jahiz.receiver.testing.Reports;
import dev.jahiz.receiver.testing.RunningReceiver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The read API: listing with pagination and filters, one report, groups and totals, behind the bearer secret. */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestStore.class)
class QueryApiTest {
  @Parameter TestStore store;
  @TempDir Path dir;
  private RunningReceiver receiver;

  @BeforeEach
  void start() {
    receiver = RunningReceiver.in(dir, store).start();
    byte[] batch = Reports.batch(
        Reports.fields("error_message", "Payment declined for card", "error_type", "PaymentError", "severity",
            "critical", "app_name", "shop", "environment", "production", "fingerprint", "pay-declined",
            "timestamp", "2026-01-01T10:00:00Z"),
        Reports.fields("error_message", "Payment declined for card", "error_type", "PaymentError", "severity",
            "critical", "app_name", "shop", "environment", "production", "fingerprint", "pay-declined",
            "timestamp", "2026-01-03T10:00:00Z"),
        Reports.fields("error_message", "Payment declined for card", "error_type", "PaymentError", "severity",
            "critical", "app_name", "shop", "environment", "production", "fingerprint", "pay-declined",
            "timestamp", "2026-01-05T10:00:00Z"),
        Reports.fields("error_message", "Search index is stale", "error_type", "IndexWarning", "severity", "warning",
            "app_name", "shop", "environment", "staging", "timestamp", "2026-01-02T10:00:00Z"),
        Reports.fields("error_message", "Mail server refused login", "error_type", "SmtpException", "severity",
            "error", "app_name", "mailer", "environment", "production", "timestamp", "2026-01-04T10:00:00Z"));
    assertThat(receiver.postSigned("/webhook/errors", batch).status()).isEqualTo(200);
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  private List<String> messages(String query) {
    List<String> out = new ArrayList<>();
    receiver.errors(query).path("data").forEach(r -> out.add(r.path("error_message").asText()));
    return out;
  }

  // --- GET /errors ---

  @Test
  void listsEverythingNewestFirstWithTotal() {
    JsonNode page = receiver.errors("");

    assertThat(page.path("total").asLong()).isEqualTo(5);
    assertThat(page.path("limit").asInt()).isEqualTo(50);
    assertThat(page.path("offset").asInt()).isZero();
    JsonNode first = page.path("data").get(0);
    assertThat(first.path("timestamp").asText()).isEqualTo("2026-01-05T10:00:00Z");
    assertThat(first.fieldNames()).toIterable().contains("id", "received_at", "severity", "app_name", "environment",
        "error_type", "error_message", "fingerprint", "occurrences", "status", "attempts");
  }

  @Test
  void pagesAreDisjointAndCoverEverything() {
    Set<String> seen = new HashSet<>();
    for (int offset = 0; offset < 5; offset += 2) {
      JsonNode page = receiver.errors("limit=2&offset=" + offset);
      assertThat(page.path("total").asLong()).isEqualTo(5);
      assertThat(page.path("data").size()).isEqualTo(offset == 4 ? 1 : 2);
      page.path("data").forEach(r -> assertThat(seen.add(r.path("id").asText())).isTrue());
    }
    assertThat(seen).hasSize(5);
    assertThat(receiver.errors("limit=2&offset=10").path("data")).isEmpty();
  }

  @Test
  void filtersByApp() {
    assertThat(messages("app=mailer")).containsExactly("Mail server refused login");
    assertThat(receiver.errors("app=shop").path("total").asLong()).isEqualTo(4);
  }

  @Test
  void filtersByEnvironment() {
    assertThat(messages("environment=staging")).containsExactly("Search index is stale");
  }

  @Test
  void filtersBySeverityCaseInsensitively() {
    assertThat(messages("severity=WARNING")).containsExactly("Search index is stale");
    assertThat(receiver.errors("severity=critical").path("total").asLong()).isEqualTo(3);
  }

  @Test
  void filtersByFingerprint() {
    assertThat(receiver.errors("fingerprint=pay-declined").path("total").asLong()).isEqualTo(3);
  }

  @Test
  void filtersBySinceOnTheOccurrenceTime() {
    assertThat(messages("since=2026-01-03T12:00:00Z"))
        .containsExactlyInAnyOrder("Payment declined for card", "Mail server refused login");
  }

  @Test
  void filtersByTextInMessageOrTypeCaseInsensitively() {
    assertThat(messages("q=REFUSED")).containsExactly("Mail server refused login");
    assertThat(messages("q=smtpexc")).containsExactly("Mail server refused login");
    assertThat(receiver.errors("q=%25").path("total").asLong()).as("% is literal, not a wildcard").isZero();
  }

  @Test
  void filtersCombine() {
    assertThat(messages("app=shop&environment=production&q=declined&since=2026-01-04T00:00:00Z"))
        .containsExactly("Payment declined for card");
  }

  @ParameterizedTest
  @ValueSource(strings = {"limit=0", "limit=101", "limit=abc", "offset=-1", "severity=fatal", "status=lost",
      "since=yesterday"})
  void badQueryParametersAre400NamingTheParameter(String query) {
    Reply reply = receiver.get("/errors?" + query);

    assertThat(reply.status()).as("%s", reply).isEqualTo(400);
    assertThat(reply.json().path("error").asText()).isEqualTo("invalid query parameter");
    assertThat(reply.json().path("details").get(0).path("field").asText()).isEqualTo(query.split("=")[0]);
  }

  // --- GET /errors/{id} ---

  @Test
  void oneReportWithItsFullBody() {
    String id = receiver.errors("app=mailer").path("data").get(0).path("id").asText();

    JsonNode one = receiver.get("/errors/" + id).json();

    assertThat(one.path("id").asText()).isEqualTo(id);
    assertThat(one.path("status").asText()).isIn("pending", "delivered");
    assertThat(one.path("report").path("error_message").asText()).isEqualTo("Mail server refused login");
    assertThat(one.path("report").path("error_type").asText()).isEqualTo("SmtpException");
  }

  @Test
  void unknownIdIs404AsJson() {
    Reply reply = receiver.get("/errors/00000000-0000-4000-8000-000000000000");

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json().path("error").asText()).isEqualTo("not found");
    assertThat(reply.json().path("details").asText()).contains("00000000-0000-4000-8000-000000000000");
  }

  @Test
  void unknownPathOrMethodIs404AsJson() {
    for (Reply reply : List.of(receiver.get("/nothing-here"), receiver.getAnonymous("/webhook/error"))) {
      assertThat(reply.status()).isEqualTo(404);
      assertThat(reply.header("Content-Type")).startsWith("application/json");
      assertThat(reply.json().path("error").asText()).isEqualTo("not found");
    }
    assertThat(receiver.get("/nothing-here").json().path("details").asText()).contains("GET /nothing-here");
  }

  // --- GET /groups ---

  @Test
  void groupsCountOccurrencesWithFirstAndLastSeen() {
    JsonNode groups = receiver.get("/groups").json();

    assertThat(groups.path("total").asInt()).isEqualTo(3);
    JsonNode payment = null;
    for (JsonNode g : groups.path("data")) {
      if (g.path("fingerprint").asText().equals("pay-declined")) {
        payment = g;
      }
    }
    assertThat(payment).isNotNull();
    assertThat(payment.path("occurrences").asLong()).isEqualTo(3);
    assertThat(payment.path("reports").asLong()).isEqualTo(3);
    assertThat(payment.path("first_seen").asText()).isEqualTo("2026-01-01T10:00:00Z");
    assertThat(payment.path("last_seen").asText()).isEqualTo("2026-01-05T10:00:00Z");
    assertThat(payment.path("error_message").asText()).isEqualTo("Payment declined for card");
    assertThat(payment.path("severity").asText()).isEqualTo("critical");
    assertThat(receiver.get("/groups?limit=1").json().path("data")).hasSize(1);
  }

  // --- GET /stats ---

  @Test
  void statsCountBySeverityStatusAndApp() {
    JsonNode stats = receiver.get("/stats").json();

    assertThat(stats.path("total_reports").asLong()).isEqualTo(5);
    assertThat(stats.path("groups").asLong()).isEqualTo(3);
    assertThat(stats.path("by_severity").path("critical").asLong()).isEqualTo(3);
    assertThat(stats.path("by_severity").path("warning").asLong()).isEqualTo(1);
    assertThat(stats.path("by_status").path("pending").asLong()
        + stats.path("by_status").path("delivered").asLong()).isEqualTo(5);
    assertThat(stats.path("top_apps").get(0).path("app_name").asText()).isEqualTo("shop");
    assertThat(stats.path("top_apps").get(0).path("reports").asLong()).isEqualTo(4);
  }

  // --- read authentication ---

  @ParameterizedTest
  @ValueSource(strings = {"/errors", "/errors/00000000-0000-4000-8000-000000000000", "/groups", "/stats"})
  void readEndpointsNeedTheReadTokenNotTheWebhookSecret(String path) {
    Reply none = receiver.getAnonymous(path);
    Reply wrong = receiver.get(path, Map.of("Authorization", "Bearer not-the-token"));
    Reply basic = receiver.get(path, Map.of("Authorization", "Basic " + RunningReceiver.READ_TOKEN));
    // Every reporting app holds the webhook secret: it must not read every app's reports.
    Reply secret = receiver.get(path, Map.of("Authorization", "Bearer " + RunningReceiver.SECRET));

    for (Reply reply : List.of(none, wrong, basic, secret)) {
      assertThat(reply.status()).as("%s", reply).isEqualTo(401);
      assertThat(reply.json().path("error").asText()).isEqualTo("unauthorized");
      assertThat(reply.body()).doesNotContain(RunningReceiver.SECRET).doesNotContain(RunningReceiver.READ_TOKEN)
          .doesNotContain("Payment");
    }
    assertThat(receiver.get(path, Map.of("Authorization", "bearer " + RunningReceiver.READ_TOKEN)).status())
        .isIn(200, 404);
  }

  @Test
  void severalReadTokensReadDuringARotationAndTheSecretOnlyWhenSwitchedOn(@TempDir Path otherDir) {
    String next = "next-read-token-0123456789abcdef";
    try (RunningReceiver rotating = RunningReceiver.in(otherDir)
        .set("JAHIZ_READ_TOKEN", RunningReceiver.READ_TOKEN + ", " + next)
        .set("JAHIZ_WEBHOOK_SECRET_READS", "true").start()) {
      for (String token : List.of(RunningReceiver.READ_TOKEN, next, RunningReceiver.SECRET)) {
        assertThat(rotating.get("/stats", Map.of("Authorization", "Bearer " + token)).status()).isEqualTo(200);
      }
      assertThat(rotating.get("/stats", Map.of("Authorization", "Bearer " + next + "x")).status()).isEqualTo(401);
    }
  }

  @Test
  void withoutAReadTokenNothingReads(@TempDir Path otherDir) {
    try (RunningReceiver noToken = RunningReceiver.in(otherDir).unset("JAHIZ_READ_TOKEN").start()) {
      Reply reply = noToken.get("/errors", Map.of("Authorization", "Bearer " + RunningReceiver.SECRET));

      assertThat(reply.status()).isEqualTo(401);
      assertThat(reply.json().path("details").asText()).contains("JAHIZ_READ_TOKEN");
    }
  }

  @Test
  void failedBearerTokensFromOneAddressAreThrottledLikeFailedSignatures(@TempDir Path otherDir) {
    try (RunningReceiver strict = RunningReceiver.in(otherDir).set("JAHIZ_AUTH_FAILURES_PER_MINUTE", "3").start()) {
      for (int i = 0; i < 3; i++) {
        assertThat(strict.get("/errors", Map.of("Authorization", "Bearer guess-" + i)).status()).isEqualTo(401);
      }
      Reply throttled = strict.get("/errors");

      assertThat(throttled.status()).as("%s", throttled).isEqualTo(429);
      assertThat(throttled.header("Retry-After")).isNotNull();
      byte[] body = Reports.body("error_message", "write after read guesses");
      assertThat(strict.postSigned("/webhook/error", body).status()).as("writes keep their own lock-out")
          .isEqualTo(200);
    }
  }

  @Test
  void readEndpointsAreOpenInDevelopmentModeWithoutReadToken(@TempDir Path devDir) {
    try (RunningReceiver dev = RunningReceiver.in(devDir).unset("WEBHOOK_SECRET").unset("JAHIZ_READ_TOKEN")
        .set("JAHIZ_DEV_MODE", "true").start()) {
      assertThat(dev.postJson("/webhook/error", Reports.body("error_message", "unsigned in dev"), Map.of()).status())
          .isEqualTo(200);
      assertThat(dev.getAnonymous("/errors").json().path("total").asLong()).isEqualTo(1);
      assertThat(dev.getAnonymous("/stats").status()).isEqualTo(200);
    }
  }
}
