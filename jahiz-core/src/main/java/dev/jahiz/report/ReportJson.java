package dev.jahiz.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reports to and from their wire JSON. Parsing never throws a Jackson exception at the caller: a
 * body that is not a valid report becomes an {@link InvalidReportException} whose violations name
 * the field.
 */
public final class ReportJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          // {...} xyz or two objects in a row: refused, not read up to the first value.
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // line_number 1.5 is not line 1.
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .build();

  private static final TypeReference<List<ErrorReport>> LIST = new TypeReference<>() {};
  /** Bound to the report type once, so a call does not look its (de)serializer up again. */
  private static final ObjectReader READER = MAPPER.readerFor(ErrorReport.class);
  private static final ObjectWriter WRITER = MAPPER.writerFor(ErrorReport.class);

  private ReportJson() {}

  /** The report as UTF-8 JSON; absent fields are left out. */
  public static byte[] toJson(ErrorReport report) {
    try {
      return WRITER.writeValueAsBytes(report);
    } catch (JsonProcessingException e) {
      // Only metadata values can fail to serialize; callers get a report without them rather than none.
      try {
        return MAPPER.writeValueAsBytes(
            report.toBuilder().metadata(java.util.Map.of("_jahiz", "metadata not serializable")).build());
      } catch (JsonProcessingException impossible) {
        throw new UncheckedIOException(impossible);
      }
    }
  }

  public static String toJsonString(ErrorReport report) {
    return new String(toJson(report), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Parses and validates one report. */
  public static ErrorReport parse(byte[] json) throws InvalidReportException {
    ErrorReport report;
    try {
      report = READER.readValue(json);
    } catch (IOException e) {
      throw new InvalidReportException(List.of(describe(e, "must be a JSON object")));
    }
    if (report == null) {
      throw new InvalidReportException(List.of(new Violation("$", "must be a JSON object")));
    }
    List<Violation> violations = ReportLimits.validate(report);
    if (!violations.isEmpty()) {
      throw new InvalidReportException(violations);
    }
    return report;
  }

  public static ErrorReport parse(String json) throws InvalidReportException {
    return parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Parses and validates a JSON array of reports; violations are prefixed with the index, e.g. {@code [2].severity}. */
  public static List<ErrorReport> parseArray(byte[] json) throws InvalidReportException {
    List<ErrorReport> reports;
    try {
      reports = MAPPER.readValue(json, LIST);
    } catch (IOException e) {
      throw new InvalidReportException(List.of(describe(e, "must be a JSON array of reports")));
    }
    if (reports == null) {
      throw new InvalidReportException(List.of(new Violation("$", "must be a JSON array of reports")));
    }
    List<Violation> violations = new ArrayList<>();
    for (int i = 0; i < reports.size(); i++) {
      if (reports.get(i) == null) {
        violations.add(new Violation("[" + i + "]", "must be a JSON object"));
        continue;
      }
      for (Violation v : ReportLimits.validate(reports.get(i))) {
        violations.add(new Violation("[" + i + "]." + v.field(), v.message()));
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidReportException(violations);
    }
    return reports;
  }

  /**
   * The problem in words a client can act on: the field and what it must be, never a Java class.
   *
   * @param rootShape what the whole body must be, for a body of the wrong shape
   */
  private static Violation describe(IOException e, String rootShape) {
    if (e instanceof JsonMappingException && !((JsonMappingException) e).getPath().isEmpty()) {
      JsonMappingException m = (JsonMappingException) e;
      StringBuilder path = new StringBuilder();
      for (JsonMappingException.Reference ref : m.getPath()) {
        if (ref.getFieldName() != null) {
          if (path.length() > 0) {
            path.append('.');
          }
          path.append(ref.getFieldName());
        } else if (ref.getIndex() >= 0) {
          path.append('[').append(ref.getIndex()).append(']');
        }
      }
      Throwable cause = m.getCause();
      String reason = cause instanceof IllegalArgumentException ? cause.getMessage() : "has the wrong type or format";
      if (reason.startsWith("severity must") || reason.startsWith("timestamp must")) {
        reason = reason.substring(reason.indexOf(' ') + 1);
      }
      return new Violation(path.length() == 0 ? "$" : path.toString(), reason);
    }
    if (e instanceof JsonMappingException) {
      String message = String.valueOf(((JsonMappingException) e).getOriginalMessage());
      return new Violation("$", message.startsWith("Trailing token")
          ? "must hold one JSON value and nothing after it" : rootShape);
    }
    if (e instanceof JsonProcessingException) {
      return new Violation("$", "is not valid JSON: " + ((JsonProcessingException) e).getOriginalMessage());
    }
    return new Violation("$", "could not be read: " + e.getMessage());
  }
}
