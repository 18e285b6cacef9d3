package dev.jahiz.receiver.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The Prometheus side of webhook monitoring, on the receiver's registry: a processing-time histogram
 * per source and outcome ({@code jahiz_webhook_processing_seconds_bucket}), failed requests by
 * error type ({@code jahiz_webhook_errors_total}), events the recorder had to drop, and active alerts.
 * Sources come from reports, so only the first {@link #MAX_SOURCES} get their own label value.
 */
final class WebhookMeters {
  static final int MAX_SOURCES = 100;
  static final String OTHER = "other";
  /** Histogram buckets from a fast commit to the processing timeout, in the spirit of Prometheus' defaults. */
  private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
      Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
      Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
      Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

  private final MeterRegistry registry;
  private final Set<String> sources = ConcurrentHashMap.newKeySet();
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();
  private final Map<String, Counter> errors = new ConcurrentHashMap<>();
  private final Counter dropped;

  WebhookMeters(MeterRegistry registry) {
    this.registry = registry;
    this.dropped = Counter.builder("jahiz.webhook.events.dropped")
        .description("Webhook events not stored because the recorder's queue was full").register(registry);
  }

  void record(WebhookEvent e) {
    if (e.kind() != WebhookEvent.Kind.REQUEST) {
      return; // deliveries have jahiz_delivery_attempts_seconds already
    }
    String source = label(e.source());
    String status = e.success() ? "success" : "failed";
    if (e.processingMs() != null) {
      timers.computeIfAbsent(source + '\n' + status, k -> Timer.builder("jahiz.webhook.processing")
          .description("Write requests from receipt to durable acknowledgement, by source and status")
          .tag("source", source).tag("status", status).serviceLevelObjectives(BUCKETS).register(registry))
          .record((long) (e.processingMs() * 1_000_000), TimeUnit.NANOSECONDS);
    }
    if (e.errorType() != null) {
      errors.computeIfAbsent(source + '\n' + e.errorType(), k -> Counter.builder("jahiz.webhook.errors")
          .description("Failed write requests by source and error type")
          .tag("source", source).tag("error_type", e.errorType()).register(registry)).increment();
    }
  }

  void dropped(int count) {
    dropped.increment(count);
  }

  void activeAlerts(Supplier<Number> count) {
    Gauge.builder("jahiz.webhook.alerts.active", () -> count.get().doubleValue())
        .description("Alert conditions in force now (each was announced once)").register(registry);
  }

  private String label(String source) {
    if (sources.contains(source)) {
      return source;
    }
    synchronized (sources) {
      if (sources.size() < MAX_SOURCES) {
        sources.add(source);
        return source;
      }
    }
    return OTHER;
  }
}
