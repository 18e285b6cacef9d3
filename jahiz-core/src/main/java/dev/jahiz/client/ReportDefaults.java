package dev.jahiz.client;

import dev.jahiz.report.ErrorReport;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What every report of an app carries unless it says otherwise: app, version, environment, service, tags. */
public final class ReportDefaults {
  private static final ReportDefaults NONE = new Builder().build();

  private final String appName;
  private final String appVersion;
  private final String environment;
  private final String serviceName;
  private final Map<String, String> tags;

  private ReportDefaults(Builder b) {
    this.appName = b.appName;
    this.appVersion = b.appVersion;
    this.environment = b.environment;
    this.serviceName = b.serviceName;
    this.tags = Collections.unmodifiableMap(new LinkedHashMap<>(b.tags));
  }

  public static ReportDefaults none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder();
  }

  public String appName() {
    return appName;
  }

  public String appVersion() {
    return appVersion;
  }

  public String environment() {
    return environment;
  }

  public String serviceName() {
    return serviceName;
  }

  public Map<String, String> tags() {
    return tags;
  }

  /** The report with every field it leaves empty taken from here; its own tags win over these. */
  public ErrorReport applyTo(ErrorReport r, ErrorReport.Builder b) {
    if (r.appName() == null) {
      b.appName(appName);
    }
    if (r.appVersion() == null) {
      b.appVersion(appVersion);
    }
    if (r.environment() == null) {
      b.environment(environment);
    }
    if (r.serviceName() == null) {
      b.serviceName(serviceName);
    }
    if (!tags.isEmpty()) {
      Map<String, String> merged = new LinkedHashMap<>(tags);
      merged.putAll(r.tags());
      b.tags(merged);
    }
    return r;
  }

  @Override
  public String toString() {
    return "ReportDefaults(app=" + appName + ", version=" + appVersion + ", environment=" + environment
        + ", service=" + serviceName + ", tags=" + tags + ")";
  }

  public static final class Builder {
    private String appName;
    private String appVersion;
    private String environment;
    private String serviceName;
    private final Map<String, String> tags = new LinkedHashMap<>();

    private Builder() {}

    public Builder appName(String appName) {
      this.appName = blankToNull(appName);
      return this;
    }

    public Builder appVersion(String appVersion) {
      this.appVersion = blankToNull(appVersion);
      return this;
    }

    public Builder environment(String environment) {
      this.environment = blankToNull(environment);
      return this;
    }

    public Builder serviceName(String serviceName) {
      this.serviceName = blankToNull(serviceName);
      return this;
    }

    /** A tag on every report; an empty value makes a bare {@code #key} hashtag. */
    public Builder tag(String key, String value) {
      tags.put(key, value == null ? "" : value);
      return this;
    }

    public ReportDefaults build() {
      return new ReportDefaults(this);
    }

    private static String blankToNull(String s) {
      return s == null || s.isBlank() ? null : s.trim();
    }
  }
}
