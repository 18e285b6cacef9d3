package dev.jahiz.receiver.monitoring;

import dev.jahiz.delivery.DeliveryOutcome;
import dev.jahiz.delivery.Transport;
import dev.jahiz.receiver.delivery.DeliveryObserver;
import dev.jahiz.receiver.store.Leases;
import dev.jahiz.receiver.monitoring.alert.AlertChannel;
import dev.jahiz.receiver.monitoring.alert.AlertChecker;
import dev.jahiz.receiver.monitoring.alert.AlertRules;
import dev.jahiz.receiver.monitoring.alert.EmailAlertChannel;
import dev.jahiz.receiver.monitoring.alert.TelegramAlertChannel;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhook monitoring as one piece: what records events (requests through {@link #requests()},
 * deliveries through {@link #deliveries()}), the endpoints that read them, and the job that every
 * 5 minutes aggregates finished hours, checks the alert conditions and, hourly, applies retention.
 */
public final class WebhookMonitoring implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebhookMonitoring.class);
  private static final Duration CHECK_INTERVAL = Duration.ofMinutes(5);
  private static final Duration RETENTION_INTERVAL = Duration.ofHours(1);

  private final MonitoringSettings settings;
  private final MonitoringStore store;
  private final WebhookRecorder recorder;
  private final RequestMonitor requests;
  private final AlertRules rules;
  private final AlertChecker alerts;
  private final Clock clock;
  private final Leases leases;
  private final Transport alertTransport;
  private final List<AlertChannel> channels = new ArrayList<>();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "jahiz-monitoring");
    t.setDaemon(true);
    return t;
  });
  private Instant lastRetention = Instant.EPOCH;

  /**
   * @param alertTransport where Telegram alerts go (the alert chat, or the console in console mode)
   * @param leases keep the jobs (aggregation, alerts, retention) to one receiver at a time among those
   *     sharing the database, so an alert goes out once
   */
  public WebhookMonitoring(MonitoringSettings settings, DataSource dataSource, MeterRegistry registry, Clock clock,
      Transport alertTransport, Leases leases) {
    this.leases = leases;
    this.settings = settings;
    this.clock = clock;
    this.alertTransport = alertTransport;
    this.store = new MonitoringStore(dataSource);
    WebhookMeters meters = new WebhookMeters(registry);
    this.recorder = new WebhookRecorder(store, meters);
    this.requests = new RequestMonitor(recorder, clock);
    this.rules = new AlertRules(store, settings);
    channels.add(new TelegramAlertChannel(alertTransport));
    settings.smtp().ifPresent(smtp -> channels.add(new EmailAlertChannel(smtp)));
    this.alerts = new AlertChecker(rules, store, channels, clock);
    meters.activeAlerts(() -> alerts.active().size());
  }

  public void start() {
    if (!settings.enabled()) {
      log.info("webhook monitoring is off (WEBHOOK_MONITORING_ENABLED=false)");
    } else if (!settings.alertsEnabled()) {
      log.info("webhook monitoring on; alerts off (WEBHOOK_ALERTS_ENABLED=false)");
    } else {
      log.info("webhook monitoring on; alerts go to {}", channels.stream().map(AlertChannel::describe).toList());
    }
    if (settings.enabled()) {
      long every = CHECK_INTERVAL.toSeconds();
      scheduler.scheduleWithFixedDelay(this::runJobsSafely, every, every, TimeUnit.SECONDS);
    }
  }

  /** Records an answered write request; a no-op while monitoring is off. */
  public void answered(Context ctx, Duration took) {
    if (settings.enabled()) {
      requests.answered(ctx, took);
    }
  }

  public DeliveryObserver deliveries() {
    if (!settings.enabled()) {
      return DeliveryObserver.NONE;
    }
    return (digest, outcome, took) -> recorder.record(deliveryEvent(digest.appName(), outcome, took));
  }

  private WebhookEvent deliveryEvent(String appName, DeliveryOutcome outcome, Duration took) {
    String source = appName == null || appName.isBlank() ? RequestMonitor.UNKNOWN : appName;
    double ms = took.toNanos() / 1_000_000.0;
    switch (outcome.kind()) {
      case DELIVERED:
        return new WebhookEvent(clock.instant(), WebhookEvent.Kind.DELIVERY, source, WebhookEvent.RESPONSE_SENT,
            true, ms, 200, null, null, null, null);
      case RATE_LIMITED:
        return new WebhookEvent(clock.instant(), WebhookEvent.Kind.DELIVERY, source, WebhookEvent.RETRY, false, ms,
            429, "RateLimited", outcome.reason(), null, null);
      case RETRYABLE:
        return new WebhookEvent(clock.instant(), WebhookEvent.Kind.DELIVERY, source, WebhookEvent.RETRY, false, ms,
            null, "DeliveryFailed", outcome.reason(), null, null);
      default:
        return new WebhookEvent(clock.instant(), WebhookEvent.Kind.DELIVERY, source, WebhookEvent.RESPONSE_SENT,
            false, ms, null, "DeliveryRejected", outcome.reason(), null, null);
    }
  }

  /** For other write routes, such as Sentry's: records an event directly. */
  public WebhookRecorder recorder() {
    return recorder;
  }

  /** For the database writer to call between its commits. */
  public void writeDue() {
    if (settings.enabled()) {
      recorder.writeDue();
    }
  }

  public void register(RoutesConfig routes, Consumer<Context> readAuth) {
    new MonitoringRoutes(store, rules, settings, clock, readAuth).register(routes);
  }

  /** Stores every hour that ended and is not aggregated yet; returns how many hours were looked at. */
  public int aggregateFinishedHours() {
    recorder.flush();
    Instant current = MonitoringStore.hourOf(clock.instant());
    int hours = 0;
    for (Instant hour = store.nextHourToAggregate().orElse(current); hour.isBefore(current);
        hour = hour.plusSeconds(3600)) {
      store.saveHour(hour, store.tally(hour, hour.plusSeconds(3600)).values());
      hours++;
    }
    return hours;
  }

  /** Aggregates what is due, then deletes raw events and aggregates past their retention. */
  public void applyRetention() {
    aggregateFinishedHours();
    Instant now = clock.instant();
    int events = store.deleteEventsBefore(now.minus(settings.eventRetention()));
    int hours = store.deleteMetricsBefore(now.minus(settings.metricsRetention()));
    if (events > 0 || hours > 0) {
      log.info("monitoring retention: deleted {} webhook events older than {} days and {} hourly aggregates older"
          + " than {} days", events, settings.eventRetention().toDays(), hours, settings.metricsRetention().toDays());
    }
  }

  /** Runs the alert checks now (they run every 5 minutes); returns how many messages went out. */
  public int checkAlerts() {
    recorder.flush();
    return settings.alertsEnabled() ? alerts.checkOnce() : 0;
  }

  public AlertChecker alerts() {
    return alerts;
  }

  private void runJobsSafely() {
    try {
      // Held, not released, for most of the interval: whichever receiver takes it runs this round.
      if (!leases.take("job:monitoring", CHECK_INTERVAL.minusSeconds(30))) {
        return;
      }
      Instant now = clock.instant();
      if (!now.isBefore(lastRetention.plus(RETENTION_INTERVAL))) {
        applyRetention();
        lastRetention = now;
      } else {
        aggregateFinishedHours();
      }
      checkAlerts();
    } catch (RuntimeException e) {
      log.error("webhook monitoring job failed; next attempt in {} minutes", CHECK_INTERVAL.toMinutes(), e);
    }
  }

  /** Stops the job, closes the alert transport and writes the events still queued; call after the writers stopped. */
  @Override
  public void close() {
    alertTransport.close();
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (settings.enabled()) {
      try {
        recorder.flush();
      } catch (RuntimeException e) {
        log.warn("webhook events queued at shutdown not written", e);
      }
    }
  }
}
