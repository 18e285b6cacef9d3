package dev.jahiz.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The size limits of a report and the check against them.
 *
 * <p>Receivers reject a report over a limit ({@link #validate}); clients clip instead
 * ({@link #clip}), because an alert with a shortened trace beats no alert.
 */
public final class ReportLimits {
  /** Characters of {@code error_message}. */
  public static final int MAX_MESSAGE = 10_000;
  /** Characters of {@code stacktrace}: a deep trace with several causes fits, a runaway one does not. */
  public static final int MAX_STACKTRACE = 256 * 1024;
  /** Characters of every other text field (names, codes, URLs, ...). */
  public static final int MAX_FIELD = 2_048;
  /** Entries in {@code tags}. */
  public static final int MAX_TAGS = 50;
  /** Characters of a tag key. */
  public static final int MAX_TAG_KEY = 64;
  /** Characters of a tag value. */
  public static final int MAX_TAG_VALUE = 256;
  /** Entries in {@code metadata}. */
  public static final int MAX_METADATA = 100;
  /** Entries in {@code context.request_headers} and in {@code context.query_params}. */
  public static final int MAX_ENTRIES = 100;
  /** Characters of {@code fingerprint}. */
  public static final int MAX_FINGERPRINT = 128;

  /** The earliest {@code timestamp} or {@code first_seen}: year 1, as ISO 8601 writes years with four digits. */
  public static final Instant EARLIEST_TIME = Instant.parse("0001-01-01T00:00:00Z");
  /** The latest {@code timestamp} or {@code first_seen}: the end of year 9999. */
  public static final Instant LATEST_TIME = Instant.parse("9999-12-31T23:59:59.999Z");

  private static final Pattern UUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private ReportLimits() {}

  /** Every field-level problem of the report; empty when it is acceptable. */
  public static List<Violation> validate(ErrorReport r) {
    List<Violation> v = new ArrayList<>();
    if (r.errorMessage() == null || r.errorMessage().isBlank()) {
      v.add(new Violation("error_message", "is required and must not be blank"));
    } else {
      max(v, "error_message", r.errorMessage(), MAX_MESSAGE);
    }
    max(v, "log_message", r.logMessage(), MAX_MESSAGE);
    max(v, "stacktrace", r.stacktrace(), MAX_STACKTRACE);
    max(v, "error_type", r.errorType(), MAX_FIELD);
    max(v, "error_code", r.errorCode(), MAX_FIELD);
    max(v, "file_name", r.fileName(), MAX_FIELD);
    max(v, "function_name", r.functionName(), MAX_FIELD);
    max(v, "app_name", r.appName(), MAX_FIELD);
    max(v, "app_version", r.appVersion(), MAX_FIELD);
    max(v, "environment", r.environment(), MAX_FIELD);
    max(v, "service_name", r.serviceName(), MAX_FIELD);
    max(v, "component", r.component(), MAX_FIELD);
    max(v, "logger", r.logger(), MAX_FIELD);
    max(v, "thread", r.thread(), MAX_FIELD);
    max(v, "sdk", r.sdk(), MAX_FIELD);
    max(v, "fingerprint", r.fingerprint(), MAX_FINGERPRINT);
    max(v, "source", r.source(), MAX_FIELD);
    max(v, "title", r.title(), MAX_FIELD);
    max(v, "link", r.link(), MAX_FIELD);
    if (r.link() != null && !r.link().matches("(?i)https?://\\S+")) {
      v.add(new Violation("link", "must be an http(s) URL"));
    }
    time(v, "timestamp", r.timestamp());
    time(v, "first_seen", r.firstSeen());
    if (r.lineNumber() != null && r.lineNumber() < 0) {
      v.add(new Violation("line_number", "must be 0 or more, was " + r.lineNumber()));
    }
    if (r.occurrences() < 1) {
      v.add(new Violation("occurrences", "must be 1 or more, was " + r.occurrences()));
    }
    if (r.eventId() != null && !UUID.matcher(r.eventId()).matches()) {
      v.add(new Violation("event_id", "must be a UUID such as 3f2b8c1e-9a4d-4c2e-8f1a-2b3c4d5e6f70"));
    }
    if (r.tags().size() > MAX_TAGS) {
      v.add(new Violation("tags", "must have at most " + MAX_TAGS + " entries, had " + r.tags().size()));
    }
    for (Map.Entry<String, String> tag : r.tags().entrySet()) {
      if (tag.getKey().isEmpty() || tag.getKey().length() > MAX_TAG_KEY) {
        v.add(new Violation("tags", "keys must have 1 to " + MAX_TAG_KEY + " characters"));
        break;
      }
      max(v, "tags." + tag.getKey(), tag.getValue(), MAX_TAG_VALUE);
    }
    if (r.metadata().size() > MAX_METADATA) {
      v.add(new Violation(
          "metadata", "must have at most " + MAX_METADATA + " entries, had " + r.metadata().size()));
    }
    if (r.context() != null) {
      max(v, "context.request_url", r.context().requestUrl(), MAX_FIELD);
      max(v, "context.request_method", r.context().requestMethod(), MAX_FIELD);
      max(v, "context.request_body", r.context().requestBody(), MAX_MESSAGE);
      max(v, "context.response_body", r.context().responseBody(), MAX_MESSAGE);
      Integer status = r.context().responseStatus();
      if (status != null && (status < 100 || status > 599)) {
        v.add(new Violation("context.response_status", "must be an HTTP status from 100 to 599, was " + status));
      }
    }
    v.addAll(partViolations(r));
    if (r.device() != null) {
      percent(v, "device.cpu_usage", r.device().cpuUsage());
      percent(v, "device.memory_usage", r.device().memoryUsage());
      percent(v, "device.disk_usage", r.device().diskUsage());
    }
    return v;
  }

  /**
   * The report cut down to the limits: long texts shortened with a marker, surplus tags and metadata
   * entries left out. A report within the limits is returned as it is.
   */
  public static ErrorReport clip(ErrorReport report) {
    ErrorReport r = clipParts(report);
    boolean over =
        length(r.errorMessage()) > MAX_MESSAGE
            || length(r.logMessage()) > MAX_MESSAGE
            || length(r.stacktrace()) > MAX_STACKTRACE
            || r.tags().size() > MAX_TAGS
            || r.metadata().size() > MAX_METADATA
            || length(r.fingerprint()) > MAX_FINGERPRINT;
    if (!over) {
      return r;
    }
    return r.toBuilder()
        .errorMessage(cut(r.errorMessage(), MAX_MESSAGE))
        .logMessage(cut(r.logMessage(), MAX_MESSAGE))
        .stacktrace(cut(r.stacktrace(), MAX_STACKTRACE))
        .tags(firstEntries(r.tags(), MAX_TAGS))
        .metadata(firstEntries(r.metadata(), MAX_METADATA))
        .fingerprint(cut(r.fingerprint(), MAX_FINGERPRINT))
        .build();
  }

  private static void time(List<Violation> v, String field, Instant value) {
    if (value != null && (value.isBefore(EARLIEST_TIME) || value.isAfter(LATEST_TIME))) {
      v.add(new Violation(field, "must be between years 0001 and 9999, was " + value));
    }
  }

  /** The limits of the nested parts: every text of {@code user} and {@code device}, the request's maps. */
  private static List<Violation> partViolations(ErrorReport r) {
    List<Violation> v = new ArrayList<>();
    UserInfo u = r.user();
    if (u != null) {
      max(v, "user.user_id", u.userId(), MAX_FIELD);
      max(v, "user.username", u.username(), MAX_FIELD);
      max(v, "user.email", u.email(), MAX_FIELD);
      max(v, "user.session_id", u.sessionId(), MAX_FIELD);
      max(v, "user.ip_address", u.ipAddress(), MAX_FIELD);
    }
    DeviceInfo d = r.device();
    if (d != null) {
      max(v, "device.hostname", d.hostname(), MAX_FIELD);
      max(v, "device.os", d.os(), MAX_FIELD);
      max(v, "device.os_version", d.osVersion(), MAX_FIELD);
      max(v, "device.architecture", d.architecture(), MAX_FIELD);
      max(v, "device.ip_address", d.ipAddress(), MAX_FIELD);
      max(v, "device.jvm_version", d.jvmVersion(), MAX_FIELD);
    }
    if (r.context() != null) {
      entries(v, "context.request_headers", r.context().requestHeaders());
      entries(v, "context.query_params", r.context().queryParams());
    }
    return v;
  }

  private static void entries(List<Violation> v, String field, Map<String, String> map) {
    if (map == null) {
      return;
    }
    if (map.size() > MAX_ENTRIES) {
      v.add(new Violation(field, "must have at most " + MAX_ENTRIES + " entries, had " + map.size()));
    }
    for (Map.Entry<String, String> e : map.entrySet()) {
      if (length(e.getKey()) > MAX_FIELD) {
        v.add(new Violation(field, "names must have at most " + MAX_FIELD + " characters"));
        return;
      }
      max(v, field + "." + e.getKey(), e.getValue(), MAX_FIELD);
    }
  }

  private static ErrorReport clipParts(ErrorReport r) {
    if (partViolations(r).isEmpty()) {
      return r;
    }
    ErrorReport.Builder b = r.toBuilder();
    UserInfo u = r.user();
    if (u != null) {
      b.user(u.toBuilder().userId(cut(u.userId(), MAX_FIELD)).username(cut(u.username(), MAX_FIELD))
          .email(cut(u.email(), MAX_FIELD)).sessionId(cut(u.sessionId(), MAX_FIELD))
          .ipAddress(cut(u.ipAddress(), MAX_FIELD)).build());
    }
    DeviceInfo d = r.device();
    if (d != null) {
      b.device(d.toBuilder().hostname(cut(d.hostname(), MAX_FIELD)).os(cut(d.os(), MAX_FIELD))
          .osVersion(cut(d.osVersion(), MAX_FIELD)).architecture(cut(d.architecture(), MAX_FIELD))
          .ipAddress(cut(d.ipAddress(), MAX_FIELD)).jvmVersion(cut(d.jvmVersion(), MAX_FIELD)).build());
    }
    RequestContext c = r.context();
    if (c != null) {
      b.context(c.toBuilder().requestHeaders(clipEntries(c.requestHeaders()))
          .queryParams(clipEntries(c.queryParams())).build());
    }
    return b.build();
  }

  private static Map<String, String> clipEntries(Map<String, String> map) {
    if (map == null) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : map.entrySet()) {
      if (out.size() == MAX_ENTRIES) {
        break;
      }
      out.put(cut(e.getKey(), MAX_FIELD), cut(e.getValue(), MAX_FIELD));
    }
    return out;
  }

  private static int length(String s) {
    return s == null ? 0 : s.length();
  }

  private static String cut(String s, int max) {
    if (s == null || s.length() <= max) {
      return s;
    }
    String marker = "… [truncated]";
    int end = max - marker.length();
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end) + marker;
  }

  private static <V> Map<String, V> firstEntries(Map<String, V> map, int max) {
    if (map.size() <= max) {
      return map;
    }
    Map<String, V> out = new LinkedHashMap<>();
    for (Map.Entry<String, V> e : map.entrySet()) {
      if (out.size() == max) {
        break;
      }
      out.put(e.getKey(), e.getValue());
    }
    return out;
  }

  private static void max(List<Violation> v, String field, String value, int max) {
    if (value != null && value.length() > max) {
      v.add(new Violation(field, "must have at most " + max + " characters, had " + value.length()));
    }
  }

  private static void percent(List<Violation> v, String field, Double value) {
    if (value != null && (value.isNaN() || value < 0 || value > 100)) {
      v.add(new Violation(field, "must be a percentage from 0 to 100, was " + value));
    }
  }
}
