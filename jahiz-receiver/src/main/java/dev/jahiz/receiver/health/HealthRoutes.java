package dev.jahiz.receiver.health;

import dev.jahiz.receiver.http.Json;
import dev.jahiz.receiver.store.Backlog;
import dev.jahiz.receiver.store.DeliveryQueue;
import dev.jahiz.receiver.store.Heartbeat;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /health} for people (database, Telegram, backlog) and the two probes for orchestrators. */
public final class HealthRoutes {
  private static final Logger log = LoggerFactory.getLogger(HealthRoutes.class);

  private final DeliveryQueue store;
  private final Heartbeat heartbeat;
  private final DestinationCheck destination;
  private final Clock clock;
  private final boolean configComplete;
  private final String configProblem;

  /** @param configProblem why the configuration is incomplete (dev mode without a secret), or null */
  public HealthRoutes(DeliveryQueue store, Heartbeat heartbeat, DestinationCheck destination, Clock clock,
      String configProblem) {
    this.store = store;
    this.heartbeat = heartbeat;
    this.destination = destination;
    this.clock = clock;
    this.configComplete = configProblem == null;
    this.configProblem = configProblem;
  }

  public void register(RoutesConfig routes) {
    routes.get("/health", this::health);
    routes.get("/health/live", ctx -> Json.respond(ctx, 200, Json.object("status", "alive")));
    routes.get("/health/ready", this::ready);
  }

  private void health(Context ctx) {
    Map<String, Object> database = new LinkedHashMap<>();
    Map<String, Object> backlog = new LinkedHashMap<>();
    boolean dbOk = true;
    try {
      Backlog b = store.backlog();
      backlog.put("pending", b.pending());
      backlog.put("oldest_pending_age_seconds",
          b.oldestReceivedAt() == null ? null : Math.max(0, Duration.between(b.oldestReceivedAt(), clock.instant()).toSeconds()));
      heartbeat.checkWritable(clock.instant());
      database.put("ok", true);
    } catch (RuntimeException e) {
      dbOk = false;
      database.put("ok", false);
      database.put("detail", "database not usable: " + e.getClass().getSimpleName());
      log.error("health check: database not usable", e);
    }
    DestinationCheck.Status dest = destination.status();
    Map<String, Object> telegram = Json.object("mode", destination.mode(), "ok", dest.ok(), "detail", dest.detail());
    String status = !dbOk ? "down" : dest.ok() && configComplete ? "ok" : "degraded";
    Json.respond(ctx, dbOk ? 200 : 503, Json.object("status", status, "time", Instant.now(clock).toString(),
        "database", database, "telegram", telegram, "backlog", backlog,
        "config", Json.object("complete", configComplete, "detail", configProblem)));
  }

  private void ready(Context ctx) {
    if (!configComplete) {
      Json.respond(ctx, 503, Json.object("status", "not ready", "reason", configProblem));
      return;
    }
    try {
      heartbeat.checkWritable(clock.instant());
    } catch (RuntimeException e) {
      log.error("readiness: database is not writable", e);
      Json.respond(ctx, 503, Json.object("status", "not ready", "reason", "database is not writable"));
      return;
    }
    Json.respond(ctx, 200, Json.object("status", "ready"));
  }
}
