package dev.jahiz.spring.boot;

import java.util.Optional;

/**
 * The properties only a Spring Boot app has: whether the starter runs, how it treats a bad setting,
 * and what it takes from requests. Every other {@code jahiz.*} property is an option of jahiz-core's
 * table ({@code dev.jahiz.config.JahizOption}), bound by its {@code propertyPath()}.
 */
public enum StarterOption {
  ENABLED("enabled", "java.lang.Boolean", "true",
      "Whether Jahiz reports from this app at all; false leaves logging exactly as it is without the starter."),
  FAIL_FAST("fail-fast", "java.lang.Boolean", "false",
      "Whether a bad or missing Jahiz setting fails the application's start instead of a WARN with Jahiz off."),
  REQUEST_HEADERS("request.headers", "java.util.List<java.lang.String>",
      "User-Agent,Referer,Accept,Content-Type,X-Request-Id",
      "Request headers copied into reports of errors logged while a request is handled; Authorization,"
          + " Cookie and Set-Cookie are never copied, even when listed."),
  REPORT_UNLOGGED_FAILURES("request.report-unlogged-failures", "java.lang.Boolean", "true",
      "Whether a request that ends in a 5xx through an exception an @ExceptionHandler resolved without"
          + " logging it is reported (once; never when the exception was logged).");

  private final String propertyPath;
  private final String type;
  private final String defaultValue;
  private final String description;

  StarterOption(String propertyPath, String type, String defaultValue, String description) {
    this.propertyPath = propertyPath;
    this.type = type;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  /** The name under {@code jahiz.}, e.g. {@code fail-fast}. */
  public String propertyPath() {
    return propertyPath;
  }

  /** The full property name, e.g. {@code jahiz.fail-fast}. */
  public String property() {
    return JahizProperties.PREFIX + "." + propertyPath;
  }

  public String type() {
    return type;
  }

  public Optional<String> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  public String description() {
    return description;
  }
}
