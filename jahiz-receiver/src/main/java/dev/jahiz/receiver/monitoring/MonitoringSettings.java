package dev.jahiz.receiver.monitoring;

import dev.jahiz.receiver.config.ConfigException;
import dev.jahiz.receiver.config.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Settings of webhook monitoring, named as in the seed service ({@code WEBHOOK_*}, {@code ADMIN_EMAIL},
 * {@code DEFAULT_FROM_EMAIL}, Django's {@code EMAIL_*} for the SMTP server) so its operators' environment
 * carries over.
 */
public final class MonitoringSettings {
  private final boolean enabled;
  private final boolean alertsEnabled;
  private final double errorRateThreshold;
  private final int minRequests;
  private final int signatureFailureLimit;
  private final Duration processingTimeout;
  private final boolean noTrafficAlerts;
  private final Set<String> noTrafficIgnored;
  private final Duration eventRetention;
  private final Duration metricsRetention;
  private final String alertChatId;
  private final Smtp smtp;

  private MonitoringSettings(Settings s) {
    enabled = s.bool("WEBHOOK_MONITORING_ENABLED", true);
    alertsEnabled = s.bool("WEBHOOK_ALERTS_ENABLED", true);
    errorRateThreshold = s.decimal("WEBHOOK_ERROR_RATE_THRESHOLD", 0.1, 0.0, 1.0);
    minRequests = s.integer("WEBHOOK_ALERT_MIN_REQUESTS", 20, 1, 1_000_000);
    signatureFailureLimit = s.integer("WEBHOOK_SIGNATURE_FAILURE_THRESHOLD", 5, 0, 1_000_000);
    processingTimeout = Duration.ofSeconds(s.integer("WEBHOOK_PROCESSING_TIMEOUT", 30, 1, 3600));
    noTrafficAlerts = s.bool("WEBHOOK_NO_TRAFFIC_ALERTS", true);
    noTrafficIgnored = Set.copyOf(s.list("WEBHOOK_NO_TRAFFIC_IGNORE"));
    eventRetention = Duration.ofDays(s.integer("WEBHOOK_EVENT_RETENTION_DAYS", 7, 1, 3650));
    metricsRetention = Duration.ofDays(s.integer("WEBHOOK_METRICS_RETENTION_DAYS", 90, 1, 36500));
    alertChatId = s.optional("JAHIZ_ALERT_CHAT_ID").orElse(null);
    smtp = Smtp.from(s);
  }

  public static MonitoringSettings from(Settings s) {
    return new MonitoringSettings(s);
  }

  /** Off: nothing is recorded and the monitoring endpoints answer 503 (for measuring what it costs). */
  public boolean enabled() {
    return enabled;
  }

  public boolean alertsEnabled() {
    return enabled && alertsEnabled;
  }

  /** Share of failed requests in 15 minutes above which a source is alerted on (0.1 = 10 %). */
  public double errorRateThreshold() {
    return errorRateThreshold;
  }

  /** Requests a source must have sent in the window before its error rate can alert. */
  public int minRequests() {
    return minRequests;
  }

  /** Signature failures in 15 minutes above which a security alert goes out. */
  public int signatureFailureLimit() {
    return signatureFailureLimit;
  }

  public Duration processingTimeout() {
    return processingTimeout;
  }

  /** Whether this source going silent alerts (all sources unless switched off or listed). */
  public boolean watchesTrafficOf(String source) {
    return noTrafficAlerts && !noTrafficIgnored.contains(source);
  }

  public Duration eventRetention() {
    return eventRetention;
  }

  public Duration metricsRetention() {
    return metricsRetention;
  }

  /** The chat alerts go to instead of the reports' chat. */
  public Optional<String> alertChatId() {
    return Optional.ofNullable(alertChatId);
  }

  /** The SMTP server and addresses alerts are e-mailed with, when configured. */
  public Optional<Smtp> smtp() {
    return Optional.ofNullable(smtp);
  }

  @Override
  public String toString() {
    return "monitoring=" + (enabled ? "on" : "off") + ", alerts=" + (alertsEnabled() ? "on" : "off")
        + ", email=" + (smtp == null ? "off" : smtp);
  }

  /** An SMTP server and the two addresses of alert mail. The password never appears in {@link #toString()}. */
  public record Smtp(String host, int port, String username, String password, boolean startTls, boolean ssl,
      String from, List<String> to) {

    static Smtp from(Settings s) {
      Optional<String> host = s.optional("EMAIL_HOST");
      List<String> to = s.list("ADMIN_EMAIL");
      if (host.isEmpty()) {
        return null;
      }
      if (to.isEmpty()) {
        throw new ConfigException("EMAIL_HOST is set but ADMIN_EMAIL is not: set the address(es) alerts are"
            + " e-mailed to (comma-separated), or unset EMAIL_HOST to send alerts to Telegram only.");
      }
      boolean ssl = s.bool("EMAIL_USE_SSL", false);
      boolean tls = s.bool("EMAIL_USE_TLS", false);
      if (ssl && tls) {
        throw new ConfigException("EMAIL_USE_TLS and EMAIL_USE_SSL are both true: use one (STARTTLS on port 587"
            + " or SSL on port 465).");
      }
      return new Smtp(host.get(), s.integer("EMAIL_PORT", ssl ? 465 : tls ? 587 : 25, 1, 65535),
          s.optional("EMAIL_HOST_USER").orElse(null), s.optional("EMAIL_HOST_PASSWORD").orElse(null), tls, ssl,
          s.text("DEFAULT_FROM_EMAIL", "jahiz-receiver@localhost"), to);
    }

    @Override
    public String toString() {
      return "smtp://" + (username == null ? "" : username + ":***@") + host + ":" + port + (ssl ? " (SSL)"
          : startTls ? " (STARTTLS)" : "") + " from " + from + " to " + String.join(", ", to);
    }
  }
}
