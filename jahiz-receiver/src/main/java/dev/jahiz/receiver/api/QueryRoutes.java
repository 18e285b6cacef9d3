package dev.jahiz.receiver.api;

import dev.jahiz.classify.ErrorClass;
import dev.jahiz.receiver.http.ApiError;
import dev.jahiz.receiver.http.Json;
import dev.jahiz.receiver.store.DeliveryStatus;
import dev.jahiz.receiver.store.GroupSummary;
import dev.jahiz.receiver.store.ReportQuery;
import dev.jahiz.receiver.store.ReportQueries;
import dev.jahiz.receiver.store.ReportStatistics;
import dev.jahiz.receiver.store.ReportSummary;
import dev.jahiz.receiver.triage.StateAnnotations;
import dev.jahiz.report.InvalidReportException;
import dev.jahiz.report.ReportJson;
import dev.jahiz.report.ReportLimits;
import dev.jahiz.report.Severity;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The read API over stored reports: listing with filters, one report, fingerprint groups, totals. */
public final class QueryRoutes {
  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 100;

  private final ReportQueries store;
  private final ReportStatistics statistics;
  private final ReadAuth auth;
  private final StateAnnotations states;

  public QueryRoutes(ReportQueries store, ReportStatistics statistics, ReadAuth auth, StateAnnotations states) {
    this.store = store;
    this.statistics = statistics;
    this.auth = auth;
    this.states = states;
  }

  public void register(RoutesConfig routes) {
    routes.get("/errors", this::list);
    routes.get("/errors/{id}", this::one);
    routes.get("/groups", this::groups);
    routes.get("/stats", this::stats);
  }

  private void list(Context ctx) {
    auth.require(ctx);
    String severity = text(ctx, "severity");
    if (severity != null) {
      try {
        severity = Severity.fromWire(severity).wireName();
      } catch (IllegalArgumentException e) {
        throw badParam("severity", "must be one of critical, error, warning, info");
      }
    }
    String status = text(ctx, "status");
    if (status != null) {
      try {
        status = DeliveryStatus.fromDb(status).dbName();
      } catch (IllegalArgumentException e) {
        throw badParam("status", "must be one of pending, delivered, failed, filtered, muted");
      }
    }
    Instant since = null;
    String sinceText = text(ctx, "since");
    if (sinceText != null) {
      try {
        since = Instant.parse(sinceText);
        if (since.isBefore(ReportLimits.EARLIEST_TIME) || since.isAfter(ReportLimits.LATEST_TIME)) {
          throw badParam("since", "must be between years 0001 and 9999");
        }
      } catch (DateTimeParseException e) {
        throw badParam("since", "must be an ISO-8601 instant such as 2025-01-15T09:00:00Z");
      }
    }
    ReportQuery query = new ReportQuery(text(ctx, "app"), text(ctx, "environment"), severity, text(ctx, "fingerprint"),
        status, errorClass(ctx), since, text(ctx, "q"), limit(ctx), offset(ctx));
    Json.respond(ctx, 200, states.reports(store.list(query), ReportSummary::fingerprint));
  }

  private void one(Context ctx) {
    auth.require(ctx);
    Map.Entry<ReportSummary, String> found = store.find(ctx.pathParam("id"))
        .orElseThrow(() -> ApiError.of(404, "not found", "no stored report with id " + ctx.pathParam("id")));
    Map<String, Object> body = Json.MAPPER.convertValue(found.getKey(), Map.class);
    body.put("report", Json.tree(canonical(found.getValue())));
    Json.respond(ctx, 200, body);
  }

  /**
   * The stored report in the schema's own spelling: a single report is stored as its sender sent it
   * (see {@code SentJson}), with the seed SDKs' aliases and members the schema does not know; the API
   * answers with what the receiver read from it.
   */
  private static String canonical(String stored) {
    try {
      return ReportJson.toJsonString(ReportJson.parse(stored));
    } catch (InvalidReportException e) {
      return stored; // stored before a schema change refused it: shown as it is rather than not at all
    }
  }

  private void groups(Context ctx) {
    auth.require(ctx);
    Json.respond(ctx, 200, states.groups(store.groups(errorClass(ctx), limit(ctx), offset(ctx)),
        GroupSummary::fingerprint));
  }

  private void stats(Context ctx) {
    auth.require(ctx);
    Json.respond(ctx, 200, statistics.stats());
  }

  private static String errorClass(Context ctx) {
    String value = text(ctx, "error_class");
    try {
      return value == null ? null : ErrorClass.fromWire(value).wireName();
    } catch (IllegalArgumentException e) {
      throw badParam("error_class", "must be one of " + ErrorClass.ALLOWED);
    }
  }

  private static String text(Context ctx, String name) {
    String v = ctx.queryParam(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  private static int limit(Context ctx) {
    int limit = integer(ctx, "limit", DEFAULT_LIMIT);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw badParam("limit", "must be between 1 and " + MAX_LIMIT);
    }
    return limit;
  }

  private static int offset(Context ctx) {
    int offset = integer(ctx, "offset", 0);
    if (offset < 0) {
      throw badParam("offset", "must be 0 or more");
    }
    return offset;
  }

  private static int integer(Context ctx, String name, int fallback) {
    String v = text(ctx, name);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw badParam(name, "must be a whole number");
    }
  }

  private static ApiError badParam(String name, String message) {
    return ApiError.of(400, "invalid query parameter", List.of(Json.object("field", name.toLowerCase(Locale.ROOT),
        "message", message)));
  }
}
