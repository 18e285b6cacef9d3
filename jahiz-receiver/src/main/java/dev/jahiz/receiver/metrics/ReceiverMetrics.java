package dev.jahiz.receiver.metrics;

import dev.jahiz.classify.ErrorClass;
import dev.jahiz.delivery.DeliveryOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The receiver's Prometheus metrics: one place that names them, so dashboards have one reference. */
public final class ReceiverMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  /** Outcomes of a posted report, as counted by {@code jahiz_reports_total{outcome}}. */
  public enum ReportOutcome {
    ACCEPTED,
    DUPLICATE,
    /** Stored, but an ignore rule keeps it from being delivered. */
    FILTERED,
    UNAUTHORIZED,
    /** A browser key used where it may not be: another origin, a batch, a test notification. */
    FORBIDDEN,
    THROTTLED,
    TOO_LARGE,
    UNSUPPORTED_MEDIA_TYPE,
    TOO_SLOW,
    INCOMPLETE,
    INVALID
  }

  /*
   * The meters every request updates, looked up once: registering a meter by name and tags looks it
   * up in the registry, which cost more per request than updating it.
   */
  private final Map<ReportOutcome, Counter> reports = new EnumMap<>(ReportOutcome.class);
  private final Map<String, Counter> classes = new ConcurrentHashMap<>();
  private final Map<String, Timer> requests = new ConcurrentHashMap<>();

  public ReceiverMetrics() {
    for (ReportOutcome outcome : ReportOutcome.values()) {
      reports.put(outcome, reportCounter(outcome));
    }
    for (ErrorClass c : ErrorClass.values()) {
      classes.put(c.wireName(), classCounter(c.wireName()));
    }
  }

  public void report(ReportOutcome outcome, int count) {
    reports.get(outcome).increment(count);
  }

  private Counter reportCounter(ReportOutcome outcome) {
    return Counter.builder("jahiz.reports").description("Reports posted to the receiver, by outcome")
        .tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).register(registry);
  }

  /** A newly stored report of this class ({@code jahiz_reports_classified_total{error_class}}). */
  public void classified(String errorClass) {
    classes.computeIfAbsent(errorClass, this::classCounter).increment();
  }

  private Counter classCounter(String errorClass) {
    return Counter.builder("jahiz.reports.classified").description("Reports stored, by error class")
        .tag("error_class", errorClass).register(registry);
  }

  /**
   * A verified Sentry webhook and what came of it ({@code jahiz_sentry_webhooks_total{resource, action, outcome}}):
   * {@code stored}, {@code duplicate}, {@code acknowledged} (installation, comment) or {@code ignored} (unknown).
   */
  public void sentryWebhook(String resource, String action, String outcome) {
    Counter.builder("jahiz.sentry.webhooks").description("Verified Sentry webhooks, by resource, action and outcome")
        .tag("resource", resource).tag("action", action).tag("outcome", outcome).register(registry).increment();
  }

  public void httpRequest(String route, String method, int status, Duration took) {
    // Routes are the registered paths (or "unmatched"), so the keys stay few.
    requests.computeIfAbsent(method + ' ' + status + ' ' + route, k -> Timer.builder("http.server.requests")
        .description("HTTP requests by route, method and status")
        .tag("route", route).tag("method", method).tag("status", Integer.toString(status))
        .register(registry)).record(took);
  }

  /** One delivery attempt to the destination and how long the call took. */
  public void deliveryAttempt(DeliveryOutcome.Kind kind, Duration took) {
    Timer.builder("jahiz.delivery.attempts").description("Calls to the destination (Telegram or console), by outcome")
        .tag("outcome", kind.name().toLowerCase(Locale.ROOT)).register(registry).record(took);
  }

  /** From receipt of the oldest report in a digest to its delivery. */
  public void delivered(int reports, Duration latency) {
    Timer.builder("jahiz.delivery.latency").description("Time from receipt of a report to its delivery")
        .publishPercentiles(0.5, 0.95, 0.99).register(registry).record(latency);
    Counter.builder("jahiz.delivered.reports").description("Stored reports delivered (in digests)")
        .register(registry).increment(reports);
  }

  public void failed(int reports) {
    Counter.builder("jahiz.failed.reports").description("Stored reports the destination refused for good")
        .register(registry).increment(reports);
  }

  public void backlog(Supplier<Number> pending) {
    Gauge.builder("jahiz.delivery.backlog", () -> pending.get().doubleValue())
        .description("Reports stored but not yet delivered").register(registry);
  }

  public String scrape() {
    return registry.scrape();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }
}
