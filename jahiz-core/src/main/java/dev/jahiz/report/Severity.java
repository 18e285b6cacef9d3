package dev.jahiz.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How bad a report is; the wire names are the seed schema's lower-case words. */
public enum Severity {
  CRITICAL("critical", "🔴"),
  ERROR("error", "🟠"),
  WARNING("warning", "🟡"),
  INFO("info", "🔵");

  /** Listed in every error message about a bad severity, so the caller sees what is allowed. */
  public static final String ALLOWED = "critical, error, warning, info";

  private final String wireName;
  private final String indicator;

  Severity(String wireName, String indicator) {
    this.wireName = wireName;
    this.indicator = indicator;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** The emoji that leads a Telegram message of this severity. */
  public String indicator() {
    return indicator;
  }

  /**
   * Parses a wire name, case-insensitively.
   *
   * @throws IllegalArgumentException naming the allowed values
   */
  @JsonCreator
  public static Severity fromWire(String value) {
    if (value != null) {
      String lower = value.trim().toLowerCase(Locale.ROOT);
      for (Severity severity : values()) {
        if (severity.wireName.equals(lower)) {
          return severity;
        }
      }
    }
    throw new IllegalArgumentException(
        "severity must be one of " + ALLOWED + ", was '" + value + "'");
  }
}
