package dev.jahiz.logging;

import dev.jahiz.report.ErrorReport;
import dev.jahiz.report.RequestContext;
import dev.jahiz.report.Severity;
import dev.jahiz.report.ThrowableDetails;
import dev.jahiz.report.UserInfo;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How a log event of any framework becomes a report: level and markers to severity, MDC (or
 * ThreadContext) keys to {@code user.*}, {@code context.*} and tags, key-value pairs to metadata.
 * Shared by the Logback and Log4j2 appenders so both map events the same way.
 *
 * <p>Runs on the logging thread, so it only copies: no formatting, no I/O.
 */
public final class EventMapping {
  private final String userIdKey;
  private final String usernameKey;
  private final String emailKey;
  private final String sessionIdKey;
  private final String ipAddressKey;
  private final String requestUrlKey;
  private final String requestMethodKey;
  private final String responseStatusKey;
  private final Set<String> tagKeys;
  private final boolean otherMdcToMetadata;

  private EventMapping(Builder b) {
    this.userIdKey = b.userIdKey;
    this.usernameKey = b.usernameKey;
    this.emailKey = b.emailKey;
    this.sessionIdKey = b.sessionIdKey;
    this.ipAddressKey = b.ipAddressKey;
    this.requestUrlKey = b.requestUrlKey;
    this.requestMethodKey = b.requestMethodKey;
    this.responseStatusKey = b.responseStatusKey;
    this.tagKeys = Set.copyOf(b.tagKeys);
    this.otherMdcToMetadata = b.otherMdcToMetadata;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The defaults: the seed schema's own field names as MDC keys. */
  public static EventMapping defaults() {
    return builder().build();
  }

  /**
   * ERROR → error, WARN → warning, INFO and below → info; FATAL, or a marker named CRITICAL or
   * FATAL, → critical.
   */
  public static Severity severityOf(String level, Collection<String> markers) {
    if (markers != null) {
      for (String marker : markers) {
        if ("CRITICAL".equalsIgnoreCase(marker) || "FATAL".equalsIgnoreCase(marker)) {
          return Severity.CRITICAL;
        }
      }
    }
    switch (level == null ? "" : level.toUpperCase(Locale.ROOT)) {
      case "FATAL":
        return Severity.CRITICAL;
      case "ERROR":
        return Severity.ERROR;
      case "WARN":
      case "WARNING":
        return Severity.WARNING;
      default:
        return Severity.INFO;
    }
  }

  /**
   * A report builder for one event. Markers become tags ({@code #name}); MDC keys configured for the
   * user, the request or tags go there, other MDC entries to metadata (unless switched off); key-value
   * pairs to metadata.
   */
  public ErrorReport.Builder map(
      String level,
      Collection<String> markers,
      String message,
      String loggerName,
      String threadName,
      Map<String, String> mdc,
      Map<String, ?> keyValues,
      long timestampMillis) {
    ErrorReport.Builder b = ErrorReport.builder()
        .severity(severityOf(level, markers))
        .errorMessage(message == null || message.isBlank() ? "(no message)" : message)
        .logger(loggerName)
        .component(ThrowableDetails.simpleName(loggerName))
        .thread(threadName)
        .timestamp(Instant.ofEpochMilli(timestampMillis));

    Map<String, String> tags = new LinkedHashMap<>();
    if (markers != null) {
      for (String marker : markers) {
        if (marker != null && !"CRITICAL".equalsIgnoreCase(marker) && !"FATAL".equalsIgnoreCase(marker)) {
          tags.put(marker, "");
        }
      }
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    if (mdc != null && !mdc.isEmpty()) {
      b.user(UserInfo.builder()
          .userId(mdc.get(userIdKey))
          .username(mdc.get(usernameKey))
          .email(mdc.get(emailKey))
          .sessionId(mdc.get(sessionIdKey))
          .ipAddress(mdc.get(ipAddressKey))
          .build());
      b.context(RequestContext.builder()
          .requestUrl(mdc.get(requestUrlKey))
          .requestMethod(mdc.get(requestMethodKey))
          .responseStatus(status(mdc.get(responseStatusKey)))
          .build());
      for (Map.Entry<String, String> e : mdc.entrySet()) {
        String key = e.getKey();
        if (tagKeys.contains(key)) {
          tags.put(key, e.getValue());
        } else if (otherMdcToMetadata && !isMapped(key)) {
          metadata.put(key, e.getValue());
        }
      }
    }
    if (keyValues != null) {
      for (Map.Entry<String, ?> e : keyValues.entrySet()) {
        if (e.getKey() != null) {
          metadata.put(e.getKey(), jsonFriendly(e.getValue()));
        }
      }
    }
    return b.tags(tags).metadata(metadata);
  }

  private boolean isMapped(String key) {
    return key.equals(userIdKey) || key.equals(usernameKey) || key.equals(emailKey) || key.equals(sessionIdKey)
        || key.equals(ipAddressKey) || key.equals(requestUrlKey) || key.equals(requestMethodKey)
        || key.equals(responseStatusKey);
  }

  private static Integer status(String value) {
    if (value == null) {
      return null;
    }
    try {
      int status = Integer.parseInt(value.trim());
      return status >= 100 && status <= 599 ? status : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Numbers, booleans and strings go as they are; anything else as its string, taken now while it is current. */
  private static Object jsonFriendly(Object value) {
    if (value == null || value instanceof Number || value instanceof Boolean || value instanceof String) {
      return value;
    }
    try {
      return String.valueOf(value);
    } catch (RuntimeException e) {
      return value.getClass().getName();
    }
  }

  public static final class Builder {
    private String userIdKey = "user_id";
    private String usernameKey = "username";
    private String emailKey = "email";
    private String sessionIdKey = "session_id";
    private String ipAddressKey = "ip_address";
    private String requestUrlKey = "request_url";
    private String requestMethodKey = "request_method";
    private String responseStatusKey = "response_status";
    private final Set<String> tagKeys = new HashSet<>();
    private boolean otherMdcToMetadata = true;

    private Builder() {}

    public Builder userIdKey(String key) {
      this.userIdKey = key;
      return this;
    }

    public Builder usernameKey(String key) {
      this.usernameKey = key;
      return this;
    }

    public Builder emailKey(String key) {
      this.emailKey = key;
      return this;
    }

    public Builder sessionIdKey(String key) {
      this.sessionIdKey = key;
      return this;
    }

    public Builder ipAddressKey(String key) {
      this.ipAddressKey = key;
      return this;
    }

    public Builder requestUrlKey(String key) {
      this.requestUrlKey = key;
      return this;
    }

    public Builder requestMethodKey(String key) {
      this.requestMethodKey = key;
      return this;
    }

    public Builder responseStatusKey(String key) {
      this.responseStatusKey = key;
      return this;
    }

    /** MDC keys whose values become tags, e.g. {@code tenant} → {@code #tenant_acme}. */
    public Builder addTagKey(String key) {
      if (key != null && !key.isBlank()) {
        tagKeys.add(key.trim());
      }
      return this;
    }

    /** Whether MDC entries not mapped elsewhere go to metadata (default true). */
    public Builder otherMdcToMetadata(boolean enabled) {
      this.otherMdcToMetadata = enabled;
      return this;
    }

    public EventMapping build() {
      return new EventMapping(this);
    }
  }
}
