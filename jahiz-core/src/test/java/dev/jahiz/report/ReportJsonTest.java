package dev.jahiz.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReportJsonTest {
  static final Path SEED_CURL_EXAMPLE = Path.of("../../shared/fixtures/seed-000-curl-example.json");
  final ObjectMapper plain = new ObjectMapper();

  @Test
  void seedCurlExampleParsesUnchangedWithEveryField() throws Exception {
    ErrorReport r = ReportJson.parse(Files.readAllBytes(SEED_CURL_EXAMPLE));

    assertThat(r.errorMessage()).isEqualTo("NullPointerException in checkout flow");
    assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(r.errorCode()).isEqualTo("CHK_001");
    assertThat(r.lineNumber()).isEqualTo(42);
    assertThat(r.context().responseStatus()).isEqualTo(500);
    assertThat(r.user().sessionId()).isEqualTo("sess_abc123");
    assertThat(r.device().memoryUsage()).isEqualTo(91.2);
    assertThat(r.tags()).containsExactly(
        java.util.Map.entry("team", "backend"), java.util.Map.entry("priority", "p0"));
    assertThat(r.metadata()).containsEntry("cart_total", 299.99).containsEntry("items_count", 5);
  }

  @Test
  void seedCurlExampleRoundTripsFieldForField() throws Exception {
    byte[] seed = Files.readAllBytes(SEED_CURL_EXAMPLE);
    ErrorReport r = ReportJson.parse(seed);

    JsonNode written = plain.readTree(ReportJson.toJson(r));
    JsonNode original = plain.readTree(seed);
    original.fieldNames().forEachRemaining(
        name -> assertThat(written.get(name)).as(name).isEqualTo(original.get(name)));
    assertThat(ReportJson.parse(ReportJson.toJson(r))).isEqualTo(r);
  }

  @Test
  void missingSeverityIsErrorAndMissingTimestampIsNow() throws Exception {
    Instant before = Instant.now();
    ErrorReport r = ReportJson.parse("{\"error_message\":\"boom\"}");
    assertThat(r.severity()).isEqualTo(Severity.ERROR);
    assertThat(r.timestamp()).isBetween(before, Instant.now());
    assertThat(plain.readTree(ReportJson.toJson(r)).get("timestamp").asText()).isEqualTo(r.timestamp().toString());
  }

  @Test
  void responseBodyOfTheSeedModelIsKeptAndLimited() throws Exception {
    ErrorReport r = ReportJson.parse("{\"error_message\":\"upstream refused\",\"context\":{\"request_url\":\"/pay\","
        + "\"response_status\":502,\"response_body\":\"{\\\"detail\\\":\\\"gateway down\\\"}\"}}");

    assertThat(r.context().responseBody()).isEqualTo("{\"detail\":\"gateway down\"}");
    assertThat(plain.readTree(ReportJson.toJson(r)).path("context").path("response_body").asText())
        .isEqualTo("{\"detail\":\"gateway down\"}");
    String huge = "x".repeat(ReportLimits.MAX_MESSAGE + 1);
    assertThatThrownBy(() -> ReportJson.parse("{\"error_message\":\"x\",\"context\":{\"response_body\":\"" + huge + "\"}}"))
        .isInstanceOfSatisfying(InvalidReportException.class, e -> assertThat(e.violations())
            .extracting(Violation::field).containsExactly("context.response_body"));
  }

  @Test
  void browserSdkCamelCaseOsVersionIsRead() throws Exception {
    ErrorReport r = ReportJson.parse(Files.readAllBytes(Path.of("src/test/resources/fixtures/seed-browser-chrome.json")));

    assertThat(r.device().os()).isEqualTo("Linux x86_64");
    assertThat(r.device().osVersion()).startsWith("Mozilla/5.0 (X11; Linux x86_64)").contains("Chrome/131");
    assertThat(r.device().architecture()).isEqualTo("x86_64");
    assertThat(plain.readTree(ReportJson.toJson(r)).path("device").path("os_version").asText()).startsWith("Mozilla/5.0");
  }

  @Test
  void pythonNaiveTimestampsAreReadAsUtc() throws Exception {
    ErrorReport r = ReportJson.parse("{\"error_message\":\"x\",\"timestamp\":\"2026-03-01T10:15:30.123456\"}");
    assertThat(r.timestamp()).isEqualTo(Instant.parse("2026-03-01T10:15:30.123456Z"));
  }

  @Test
  void unknownFieldsAreIgnored() throws Exception {
    ErrorReport r = ReportJson.parse(
        "{\"error_message\":\"x\",\"brand_new\":{\"a\":1},\"user\":{\"user_id\":\"u\",\"shoe_size\":44}}");
    assertThat(r.user().userId()).isEqualTo("u");
  }

  @Test
  void blankMessageIsRejectedByName() {
    assertThatThrownBy(() -> ReportJson.parse("{\"error_message\":\"  \"}"))
        .isInstanceOfSatisfying(InvalidReportException.class, e -> assertThat(e.violations())
            .containsExactly(new Violation("error_message", "is required and must not be blank")));
    assertThatThrownBy(() -> ReportJson.parse("{\"severity\":\"error\"}"))
        .isInstanceOfSatisfying(InvalidReportException.class,
            e -> assertThat(e.violations()).extracting(Violation::field).containsExactly("error_message"));
  }

  @Test
  void badSeverityNamesTheAllowedValues() {
    assertThatThrownBy(() -> ReportJson.parse("{\"error_message\":\"x\",\"severity\":\"fatal\"}"))
        .isInstanceOfSatisfying(InvalidReportException.class, e -> {
          assertThat(e.violations()).hasSize(1);
          assertThat(e.violations().get(0).field()).isEqualTo("severity");
          assertThat(e.violations().get(0).message()).contains("critical, error, warning, info").contains("fatal");
        });
  }

  @Test
  void wrongTypesAndLimitsNameTheField() {
    assertThatThrownBy(() -> ReportJson.parse("{\"error_message\":\"x\",\"context\":{\"response_status\":\"abc\"}}"))
        .isInstanceOfSatisfying(InvalidReportException.class,
            e -> assertThat(e.violations()).extracting(Violation::field).containsExactly("context.response_status"));
    String huge = "a".repeat(ReportLimits.MAX_MESSAGE + 1);
    assertThatThrownBy(() -> ReportJson.parse("{\"error_message\":\"" + huge + "\"}"))
        .isInstanceOfSatisfying(InvalidReportException.class, e -> assertThat(e.violations().get(0).message())
            .contains("at most " + ReportLimits.MAX_MESSAGE));
  }

  @Test
  void notJsonIsAClearError() {
    assertThatThrownBy(() -> ReportJson.parse("error_message=x"))
        .isInstanceOfSatisfying(InvalidReportException.class,
            e -> assertThat(e.violations().get(0).message()).startsWith("is not valid JSON"));
  }

  @Test
  void arrayViolationsCarryTheIndex() {
    assertThatThrownBy(() -> ReportJson.parseArray(
            "[{\"error_message\":\"ok\"},{\"error_message\":\"\"}]".getBytes()))
        .isInstanceOfSatisfying(InvalidReportException.class,
            e -> assertThat(e.violations()).extracting(Violation::field).containsExactly("[1].error_message"));
  }

  @Test
  void clipShortensOversizeReportsInsteadOfLosingThem() {
    ErrorReport big = ErrorReport.builder()
        .errorMessage("m".repeat(ReportLimits.MAX_MESSAGE * 2))
        .stacktrace("s".repeat(ReportLimits.MAX_STACKTRACE + 10))
        .build();
    ErrorReport clipped = ReportLimits.clip(big);
    assertThat(ReportLimits.validate(clipped)).isEmpty();
    assertThat(clipped.errorMessage()).endsWith("[truncated]");
  }
}
