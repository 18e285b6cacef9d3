package dev.jahiz.receiver.sentry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jahiz.receiver.http.ApiError;
import dev.jahiz.receiver.http.Json;
import dev.jahiz.receiver.ingest.AuthFailureLimiter;
import dev.jahiz.receiver.ingest.Ingestor;
import dev.jahiz.receiver.ingest.RequestBodies;
import dev.jahiz.receiver.metrics.ReceiverMetrics;
import dev.jahiz.receiver.metrics.ReceiverMetrics.ReportOutcome;
import dev.jahiz.receiver.monitoring.RequestMonitor;
import dev.jahiz.receiver.store.NewReport;
import dev.jahiz.receiver.store.Stored;
import dev.jahiz.report.ErrorReport;
import dev.jahiz.report.ReportLimits;
import dev.jahiz.report.Violation;
import dev.jahiz.webhook.WebhookSignature;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sentry's webhooks, turned into Jahiz reports so that storage, grouping, pacing, idempotency and
 * the read API work for them as for any report. Two senders:
 *
 * <ul>
 *   <li>an internal integration (integration platform): {@code Sentry-Hook-Signature} is the hex
 *       HMAC-SHA256 of the raw body with the integration's client secret, checked in constant time
 *       before anything is parsed;
 *   <li>the legacy "WebHooks" plugin, which cannot sign: accepted only with {@code ?token=} equal to
 *       the same secret.
 * </ul>
 *
 * Verified webhooks are always answered 2xx, also those this receiver does not know (ignored and
 * counted): Sentry disables an integration whose webhooks fail. The answer comes once the report is
 * stored, well within Sentry's one-second budget; delivery follows.
 */
public final class SentryRoutes {
  private static final Logger log = LoggerFactory.getLogger(SentryRoutes.class);
  public static final String[] PATHS = {"/webhook/sentry", "/api/sentry-webhook"};
  public static final String SIGNATURE_HEADER = "Sentry-Hook-Signature";
  public static final String RESOURCE_HEADER = "Sentry-Hook-Resource";
  public static final String TOKEN_PARAMETER = "token";
  private static final Set<String> KNOWN_RESOURCES =
      Set.of("event_alert", "error", "issue", "metric_alert", "installation", "comment", "legacy");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebhookSignature secret;
  private final boolean devMode;
  private final AuthFailureLimiter failures;
  private final RequestBodies bodies;
  private final Ingestor ingestor;
  private final ReceiverMetrics metrics;
  private final Clock clock;

  /** @param secret the integration's client secret; null when none is configured (every request refused unless devMode) */
  public SentryRoutes(String secret, boolean devMode, AuthFailureLimiter failures, Ingestor ingestor,
      ReceiverMetrics metrics, Clock clock, int maxBodyBytes, Duration bodyTimeout) {
    this.secret = secret == null ? null : WebhookSignature.withSecret(secret);
    this.devMode = devMode;
    this.failures = failures;
    this.bodies = new RequestBodies(maxBodyBytes, bodyTimeout, metrics);
    this.ingestor = ingestor;
    this.metrics = metrics;
    this.clock = clock;
  }

  public void register(RoutesConfig routes) {
    for (String path : PATHS) {
      routes.post(path, this::webhook);
    }
  }

  private void webhook(Context ctx) {
    byte[] body = admit(ctx);
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (IOException e) {
      metrics.report(ReportOutcome.INVALID, 1);
      throw ApiError.of(422, "invalid webhook", List.of(Json.object("field", "$", "message", "is not valid JSON")));
    }
    if (json == null || !json.isObject()) {
      metrics.report(ReportOutcome.INVALID, 1);
      throw ApiError.of(422, "invalid webhook", List.of(Json.object("field", "$", "message", "must be a JSON object")));
    }
    String resource = ctx.header(RESOURCE_HEADER);
    String eventId = eventId(ctx.header("Request-ID"), json, body);
    SentryAlerts.Decision decision = resource == null ? SentryAlerts.legacy(json)
        : SentryAlerts.integration(resource.trim().toLowerCase(Locale.ROOT), json, eventId.substring(0, 8));
    String resourceLabel = KNOWN_RESOURCES.contains(decision.resource()) ? decision.resource() : "other";
    String actionLabel = SentryEvents.clip(decision.action(), 32);
    switch (decision.kind()) {
      case ACKNOWLEDGE:
        metrics.sentryWebhook(resourceLabel, actionLabel, "acknowledged");
        log.info("Sentry {} {} acknowledged (installation {})", decision.resource(), decision.action(),
            SentryEvents.text(json.path("installation"), "uuid"));
        Json.respond(ctx, 200, answer("acknowledged", "Acknowledged; nothing to deliver", null, null));
        return;
      case IGNORE:
        metrics.sentryWebhook(resourceLabel, actionLabel, "ignored");
        log.info("Sentry webhook ignored: resource {} action {} is not one this receiver delivers",
            resource == null ? "(legacy plugin)" : resource, decision.action());
        Json.respond(ctx, 200, answer("ignored", "Not an alert this receiver delivers; ignored", null, null));
        return;
      default:
        store(ctx, decision, eventId, resourceLabel, actionLabel);
    }
  }

  private void store(Context ctx, SentryAlerts.Decision decision, String eventId, String resourceLabel,
      String actionLabel) {
    ErrorReport report = ingestor.settle(decision.report().eventId(eventId).build());
    List<Violation> violations = ReportLimits.validate(report);
    if (!violations.isEmpty()) {
      // Mapped from a verified webhook; a field Sentry sent out of bounds is clipped rather than refused.
      report = ReportLimits.clip(report);
    }
    String fingerprint = report.fingerprint() != null ? report.fingerprint() : ingestor.fingerprintOf(report);
    Stored stored = ingestor.store(List.of(new NewReport(report, fingerprint, clock.instant(),
        ingestor.statusOf(report), decision.replyTo()))).get(0);
    boolean duplicate = stored.duplicate();
    if (duplicate) {
      RequestMonitor.duplicate(ctx);
    }
    boolean filtered = !duplicate && stored.filtered();
    metrics.report(duplicate ? ReportOutcome.DUPLICATE : filtered ? ReportOutcome.FILTERED : ReportOutcome.ACCEPTED, 1);
    metrics.sentryWebhook(resourceLabel, actionLabel, duplicate ? "duplicate" : filtered ? "filtered" : "stored");
    log.info("Sentry {} {} {} as report {} fingerprint {}", decision.resource(), decision.action(),
        duplicate ? "already stored" : filtered ? "stored (filtered by an ignore rule: not delivered)" : "stored",
        stored.eventId(), stored.fingerprint());
    Json.respond(ctx, 200, answer(stored.outcome(),
        duplicate ? "Already stored, not delivered again" : filtered
            ? "Stored; it matches an ignore rule, so it is not delivered" : "Stored; delivery to Telegram follows",
        stored.eventId(), stored.fingerprint()));
  }

  private Map<String, Object> answer(String status, String message, String id, String fingerprint) {
    return Json.object("success", true, "status", status, "message", message, "id", id, "fingerprint", fingerprint,
        "timestamp", clock.instant().toString());
  }

  /** The raw body of a request from Sentry: not throttled, within limits, signed (or carrying the token), JSON. */
  private byte[] admit(Context ctx) {
    String address = ctx.ip();
    Instant now = clock.instant();
    Duration blocked = failures.blockedFor(address, now);
    if (blocked != null) {
      metrics.report(ReportOutcome.THROTTLED, 1);
      throw AuthFailureLimiter.tooManyFailures(blocked);
    }
    byte[] body = bodies.read(ctx);
    String refusal = refusal(body, ctx.header(SIGNATURE_HEADER), ctx.queryParam(TOKEN_PARAMETER));
    RequestMonitor.signature(ctx, refusal == null);
    if (refusal == null) {
      // Only a verified request may name its source: an attacker's would pollute Sentry's health.
      RequestMonitor.source(ctx, SentryEvents.SOURCE);
    } else {
      failures.recordFailure(address, now);
      metrics.report(ReportOutcome.UNAUTHORIZED, 1);
      log.warn("rejected Sentry webhook from {}: {}", address, refusal);
      throw ApiError.of(401, "unauthorized", refusal);
    }
    if (!RequestBodies.isJson(RequestBodies.mediaType(ctx))) {
      metrics.report(ReportOutcome.UNSUPPORTED_MEDIA_TYPE, 1);
      throw ApiError.of(415, "unsupported media type", "Content-Type must be application/json");
    }
    return body;
  }

  /** Why the request is not from Sentry, or null when it is; safe to send back. */
  private String refusal(byte[] body, String signature, String token) {
    if (secret == null) {
      return devMode ? null : "Sentry webhooks are not configured on this receiver: set SENTRY_CLIENT_SECRET"
          + " (or SENTRY_WEBHOOK_SECRET) to the integration's client secret";
    }
    if (signature != null) {
      WebhookSignature.Verdict v = secret.verifyBody(body, signature.trim());
      return v.isValid() ? null : SIGNATURE_HEADER + " does not match the body (check SENTRY_CLIENT_SECRET)";
    }
    if (token != null) {
      return secret.secretEquals(token) ? null : "the token parameter does not match";
    }
    return "missing " + SIGNATURE_HEADER + " (an internal integration signs every webhook), or ?"
        + TOKEN_PARAMETER + "= for the legacy WebHooks plugin";
  }

  /**
   * The stored report's id, the same for every retry of one delivery: Sentry's {@code Request-ID}
   * (a UUID, or one derived from it), else the event's id, else one derived from the body.
   */
  static String eventId(String requestId, JsonNode json, byte[] body) {
    if (requestId != null && !requestId.isBlank()) {
      try {
        return UUID.fromString(requestId.trim()).toString();
      } catch (IllegalArgumentException notUuid) {
        return UUID.nameUUIDFromBytes(("sentry-request:" + requestId.trim()).getBytes(StandardCharsets.UTF_8))
            .toString();
      }
    }
    List<JsonNode> events = new ArrayList<>();
    events.add(json.path("data").path("event"));
    events.add(json.path("data").path("error"));
    events.add(json.path("event"));
    for (JsonNode event : events) {
      String id = SentryEvents.text(event, "event_id");
      if (id != null && id.matches("[0-9a-fA-F]{32}")) {
        return (id.substring(0, 8) + "-" + id.substring(8, 12) + "-" + id.substring(12, 16) + "-"
            + id.substring(16, 20) + "-" + id.substring(20)).toLowerCase(Locale.ROOT);
      }
    }
    return UUID.nameUUIDFromBytes(body).toString();
  }
}
