package dev.jahiz.classify;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What kind of failure a report is, in the seed's words ({@code validation_error},
 * {@code connection_error}, ...): a handle for filters, searches and dashboards that does not depend
 * on the language the failing code was written in. {@link ErrorClassifier} decides it.
 */
public enum ErrorClass {
  VALIDATION_ERROR,
  CONNECTION_ERROR,
  TIMEOUT_ERROR,
  PERMISSION_ERROR,
  RATE_LIMITED,
  UNKNOWN_ERROR;

  /** Listed in every error message about a bad class, so the caller sees what is allowed. */
  public static final String ALLOWED =
      "validation_error, connection_error, timeout_error, permission_error, rate_limited, unknown_error";

  /** The wire and database name, e.g. {@code timeout_error}; also the Telegram hashtag without its {@code #}. */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a wire name, case-insensitively.
   *
   * @throws IllegalArgumentException naming the allowed values
   */
  public static ErrorClass fromWire(String value) {
    ErrorClass c = orNull(value);
    if (c == null) {
      throw new IllegalArgumentException("error_class must be one of " + ALLOWED + ", was '" + value + "'");
    }
    return c;
  }

  /**
   * The class of a wire name, or null for one this version does not know. Reports are read this
   * way: a class added by a newer client is recomputed by the receiver rather than refused.
   */
  @JsonCreator
  public static ErrorClass orNull(String value) {
    if (value == null) {
      return null;
    }
    String lower = value.trim().toLowerCase(Locale.ROOT);
    for (ErrorClass c : values()) {
      if (c.wireName().equals(lower)) {
        return c;
      }
    }
    return null;
  }
}
