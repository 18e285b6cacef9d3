package dev.jahiz.receiver.monitoring;

import dev.jahiz.receiver.http.ApiError;
import dev.jahiz.receiver.http.Json;
import dev.jahiz.receiver.monitoring.alert.AlertRules;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The seed's health endpoints and the hourly series: {@code GET /api/health/webhook},
 * {@code GET /api/health/webhook/{source}} and {@code GET /api/metrics/webhook}. A source is
 * {@code unhealthy} while its error rate alerts, {@code degraded} while it is silent, slow or failing
 * below the minimum request count; overall is the worst source, and unhealthy while Telegram fails.
 */
final class MonitoringRoutes {
  private static final Duration DEFAULT_SERIES = Duration.ofDays(1);

  private final MonitoringStore store;
  private final AlertRules rules;
  private final MonitoringSettings settings;
  private final Clock clock;
  private final Consumer<Context> readAuth;

  MonitoringRoutes(MonitoringStore store, AlertRules rules, MonitoringSettings settings, Clock clock,
      Consumer<Context> readAuth) {
    this.store = store;
    this.rules = rules;
    this.settings = settings;
    this.clock = clock;
    this.readAuth = readAuth;
  }

  void register(RoutesConfig routes) {
    routes.get("/api/health/webhook", this::overall);
    routes.get("/api/health/webhook/{source}", this::source);
    routes.get("/api/metrics/webhook", this::series);
  }

  private AlertRules.Evaluation admit(Context ctx, Instant now) {
    readAuth.accept(ctx);
    if (!settings.enabled()) {
      throw ApiError.of(503, "webhook monitoring is off", "set WEBHOOK_MONITORING_ENABLED=true to record events");
    }
    return rules.evaluate(now, List.of());
  }

  private void overall(Context ctx) {
    Instant now = clock.instant();
    AlertRules.Evaluation e = admit(ctx, now);
    Tally all = new Tally("all");
    List<Map<String, Object>> sources = new ArrayList<>();
    String overall = e.firing("telegram") ? "unhealthy" : e.firing("signature_failures") ? "degraded" : "healthy";
    for (String source : sourcesOf(e)) {
      Tally t = e.window().getOrDefault(source, new Tally(source));
      String status = status(e, t);
      overall = worse(overall, status);
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("source", source);
      s.put("status", status);
      s.put("events_last_15min", t.requests());
      s.put("errors_last_15min", t.failed());
      s.put("error_rate", Percent.of(t.errorRate()));
      s.put("avg_processing_time_ms", Tally.round(t.averageMs()));
      s.put("p95_processing_time_ms", Tally.round(t.percentileMs(0.95)));
      s.put("last_event_at", t.lastRequestAt() == null ? null : t.lastRequestAt().toString());
      s.put("problems", problems(e, source));
      sources.add(s);
    }
    int events = 0;
    int errors = 0;
    int sent = 0;
    int failedDeliveries = 0;
    int signatureFailures = 0;
    for (Tally t : e.window().values()) {
      events += t.requests();
      errors += t.failed();
      sent += t.responsesSent();
      failedDeliveries += t.deliveriesFailed();
      signatureFailures += t.signatureFailures();
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("sources_count", sources.size());
    summary.put("total_events_last_15min", events);
    summary.put("total_errors_last_15min", errors);
    summary.put("overall_error_rate", Percent.of(events == 0 ? 0 : (double) errors / events));
    summary.put("signature_failures_last_15min", signatureFailures);
    summary.put("responses_sent_last_15min", sent);
    summary.put("responses_failed_last_15min", failedDeliveries);
    Json.respond(ctx, 200, Json.object("status", overall, "timestamp", now.toString(), "summary", summary,
        "sources", sources, "problems", problems(e, null)));
  }

  private void source(Context ctx) {
    Instant now = clock.instant();
    AlertRules.Evaluation e = admit(ctx, now);
    String source = ctx.pathParam("source");
    Tally hour = store.tally(MonitoringStore.hourOf(now), now.plusMillis(1), source)
        .getOrDefault(source, new Tally(source));
    if (!sourcesOf(e).contains(source) && hour.requests() == 0 && hour.responsesSent() == 0) {
      throw ApiError.of(404, "unknown source", "no events from \"" + source + "\" in the last 24 hours");
    }
    Tally window = e.window().getOrDefault(source, new Tally(source));
    Json.respond(ctx, 200, Json.object("source", source, "status", status(e, window), "timestamp", now.toString(),
        "current_hour", hour.toJson(), "last_15_minutes", window.toJson(), "problems", problems(e, source)));
  }

  private void series(Context ctx) {
    readAuth.accept(ctx);
    if (!settings.enabled()) {
      throw ApiError.of(503, "webhook monitoring is off", "set WEBHOOK_MONITORING_ENABLED=true to record events");
    }
    Instant to = time(ctx, "to", clock.instant());
    Instant from = time(ctx, "from", to.minus(DEFAULT_SERIES));
    if (!from.isBefore(to)) {
      throw ApiError.of(400, "bad parameter", Json.object("field", "from", "message", "must be before to"));
    }
    String source = ctx.queryParam("source");
    source = source == null || source.isBlank() ? null : source;
    List<Map<String, Object>> rows = store.hourly(source, MonitoringStore.hourOf(from), to);
    Json.respond(ctx, 200, Json.object("source", source, "from", from.toString(), "to", to.toString(),
        "total", rows.size(), "data", rows));
  }

  private Collection<String> sourcesOf(AlertRules.Evaluation e) {
    TreeSet<String> sources = new TreeSet<>(e.window().keySet());
    sources.addAll(e.dayBefore().keySet());
    return sources;
  }

  private String status(AlertRules.Evaluation e, Tally t) {
    if (e.firing("error_rate:" + t.source())) {
      return "unhealthy";
    }
    boolean failingBelowMinimum = t.failed() > 0 && t.errorRate() > settings.errorRateThreshold();
    if (failingBelowMinimum || e.firing("slow:" + t.source()) || e.firing("no_traffic:" + t.source())) {
      return "degraded";
    }
    return "healthy";
  }

  /** The conditions firing now: all, or those of one source. */
  private static List<String> problems(AlertRules.Evaluation e, String source) {
    List<String> out = new ArrayList<>();
    for (AlertRules.Finding f : e.findings()) {
      if (f.firing() && (source == null || f.key().endsWith(":" + source))) {
        out.add(f.key());
      }
    }
    return out;
  }

  private static String worse(String a, String b) {
    List<String> order = List.of("healthy", "degraded", "unhealthy");
    return order.indexOf(a) >= order.indexOf(b) ? a : b;
  }

  private static Instant time(Context ctx, String name, Instant fallback) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw ApiError.of(400, "bad parameter", Json.object("field", name,
          "message", "must be an ISO 8601 time (2026-02-10T20:00:00Z) or date (2026-02-10)"));
    }
  }
}
