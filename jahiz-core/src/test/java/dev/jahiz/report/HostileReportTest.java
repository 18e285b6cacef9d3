package dev.jahiz.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bodies a receiver must refuse rather than half-read: trailing data, numbers that do not fit their
 * field, every documented limit, and messages that name fields rather than Java classes.
 */
class HostileReportTest {
  private static final String BIG = "x".repeat(ReportLimits.MAX_FIELD + 1);

  private static List<Violation> violations(String json) {
    InvalidReportException e = catchThrowableOfType(InvalidReportException.class, () -> ReportJson.parse(json));
    assertThat(e).as("refused: %s", json.length() > 200 ? json.substring(0, 200) : json).isNotNull();
    return e.violations();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"error_message\":\"a\"} xyz | $ | not valid JSON",
      "{\"error_message\":\"a\"}{\"error_message\":\"b\"} | $ | nothing after it",
      "{\"error_message\":\"a\",\"timestamp\":1e300} | timestamp | 9999",
      "{\"error_message\":\"a\",\"line_number\":1.5} | line_number | ",
      "{\"error_message\":\"a\",\"occurrences\":2.5} | occurrences | ",
      "[] | $ | must be a JSON object",
      "\"text\" | $ | must be a JSON object"})
  void isRefusedNamingTheField(String json, String field, String fragment) {
    List<Violation> v = violations(json);

    assertThat(v).singleElement().satisfies(one -> {
      assertThat(one.field()).isEqualTo(field);
      assertThat(one.message()).contains(fragment == null ? "" : fragment).doesNotContain("dev.jahiz", "$Builder");
    });
  }

  @ParameterizedTest
  @CsvSource({"user, username", "user, email", "user, user_id", "device, hostname", "device, os_version"})
  void everyTextOfUserAndDeviceHasTheFieldLimit(String part, String field) {
    String json = "{\"error_message\":\"a\",\"" + part + "\":{\"" + field + "\":\"" + BIG + "\"}}";

    assertThat(violations(json)).extracting(Violation::field).containsExactly(part + "." + field);
    ErrorReport clipped = ReportLimits.clip(parseUnchecked(json.replace(BIG, "x".repeat(3000))));
    assertThat(ReportLimits.validate(clipped)).as("a client clips instead").isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"request_headers", "query_params"})
  void requestMapsHaveAnEntryLimitAndTheFieldLimit(String map) {
    Map<String, String> many = new LinkedHashMap<>();
    for (int i = 0; i < 20_000; i++) {
      many.put("X-Header-" + i, "v");
    }
    ErrorReport tooMany = ErrorReport.builder().errorMessage("a")
        .context(contextWith(map, many)).build();
    ErrorReport tooLong = ErrorReport.builder().errorMessage("a")
        .context(contextWith(map, Map.of("Cookie", BIG))).build();

    assertThat(ReportLimits.validate(tooMany)).extracting(Violation::field).containsExactly("context." + map);
    assertThat(ReportLimits.validate(tooLong)).extracting(Violation::field).containsExactly("context." + map + ".Cookie");
    assertThat(ReportLimits.validate(ReportLimits.clip(tooMany))).isEmpty();
    assertThat(ReportLimits.validate(ReportLimits.clip(tooLong))).isEmpty();
  }

  private static RequestContext contextWith(String map, Map<String, String> entries) {
    RequestContext.Builder b = RequestContext.builder();
    return (map.equals("request_headers") ? b.requestHeaders(entries) : b.queryParams(entries)).build();
  }

  private static ErrorReport parseUnchecked(String json) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, ErrorReport.class);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
