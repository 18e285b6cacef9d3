package dev.jahiz.receiver.ingest;

import dev.jahiz.receiver.http.ApiError;
import dev.jahiz.receiver.http.Json;
import dev.jahiz.receiver.metrics.ReceiverMetrics;
import dev.jahiz.receiver.metrics.ReceiverMetrics.ReportOutcome;
import dev.jahiz.receiver.monitoring.RequestMonitor;
import dev.jahiz.receiver.monitoring.WebhookEvent;
import dev.jahiz.receiver.store.Stored;
import dev.jahiz.report.ErrorReport;
import dev.jahiz.report.EventIds;
import dev.jahiz.report.InvalidReportException;
import dev.jahiz.report.ReportJson;
import dev.jahiz.report.Severity;
import dev.jahiz.report.Violation;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write endpoints. Every request goes through the same gate, in an order that tells an
 * unauthenticated caller nothing: size (413), then signature on the raw bytes (401, or 429 after too
 * many failures), then a browser key's limits (429, 403), then media type (415), then schema (422).
 * Nothing is stored unless all pass. A request that passes is answered once its reports are durable,
 * by the thread that completes the store's future: the request thread does not wait for the commit.
 */
public final class IngestRoutes {
  private static final Logger log = LoggerFactory.getLogger(IngestRoutes.class);

  /** Request attribute: the bytes a signature covered, for {@link ReplayIds}. */
  private static final String SIGNED_BYTES = "jahiz.signedBytes";

  private final WebhookAuth auth;
  private final BrowserKeys browserKeys;
  private final AuthFailureLimiter failures;
  private final Ingestor ingestor;
  private final ReceiverMetrics metrics;
  private final Clock clock;
  private final int maxBatch;
  private final RequestBodies bodies;

  public IngestRoutes(WebhookAuth auth, BrowserKeys browserKeys, AuthFailureLimiter failures, Ingestor ingestor,
      ReceiverMetrics metrics, Clock clock, int maxBodyBytes, Duration bodyTimeout, int maxBatch) {
    this.auth = auth;
    this.browserKeys = browserKeys;
    this.failures = failures;
    this.ingestor = ingestor;
    this.metrics = metrics;
    this.clock = clock;
    this.maxBatch = maxBatch;
    this.bodies = new RequestBodies(maxBodyBytes, bodyTimeout, metrics);
  }

  /** The write endpoints, for whatever else applies to them (CORS). */
  public static final String[] PATHS = {"/webhook/error", "/webhook/errors", "/webhook/test"};

  public void register(RoutesConfig routes) {
    routes.post(PATHS[0], this::single);
    routes.post(PATHS[1], this::batch);
    routes.post(PATHS[2], this::test);
  }

  /** What each endpoint lets through beyond the common gate. */
  private enum Endpoint {
    /** Browser keys submit one report at a time, as the seed's browser SDK does. */
    REPORT(false, true),
    BATCH(false, false),
    /** The seed's curl example posts no body; a test notification is the operator's, not a page's. */
    TEST(true, false);

    final boolean emptyBodyAllowed;
    final boolean browserKeysAllowed;

    Endpoint(boolean emptyBodyAllowed, boolean browserKeysAllowed) {
      this.emptyBodyAllowed = emptyBodyAllowed;
      this.browserKeysAllowed = browserKeysAllowed;
    }
  }

  private void single(Context ctx) {
    byte[] body = admit(ctx, Endpoint.REPORT);
    ErrorReport report;
    try {
      report = ReportJson.parse(body);
    } catch (InvalidReportException e) {
      RequestMonitor.source(ctx, appNameOf(body));
      throw invalid(e.violations());
    }
    RequestMonitor.source(ctx, report.appName());
    ErrorReport assigned = ReplayIds.assign(ctx.attribute(SIGNED_BYTES), List.of(report)).get(0);
    ctx.future(() -> ingestor.ingestAsync(assigned, report, body).thenAccept(stored -> answer(ctx, stored.get(0))));
  }

  private void batch(Context ctx) {
    byte[] body = admit(ctx, Endpoint.BATCH);
    List<ErrorReport> reports;
    try {
      reports = ReportJson.parseArray(body);
    } catch (InvalidReportException e) {
      RequestMonitor.source(ctx, appNameOf(body));
      throw invalid(e.violations());
    }
    reports.stream().map(ErrorReport::appName).filter(a -> a != null).findFirst()
        .ifPresent(a -> RequestMonitor.source(ctx, a));
    if (reports.size() > maxBatch) {
      throw invalid(List.of(new Violation("$", "must hold at most " + maxBatch + " reports, had " + reports.size())));
    }
    if (reports.isEmpty()) {
      Json.respond(ctx, 200, batchAnswer(0, 0, 0, List.of()));
      return;
    }
    List<ErrorReport> assigned = ReplayIds.assign(ctx.attribute(SIGNED_BYTES), reports);
    ctx.future(() -> ingestor.ingestAsync(assigned).thenAccept(stored -> answerBatch(ctx, stored)));
  }

  private void answerBatch(Context ctx, List<Stored> stored) {
    int duplicates = (int) stored.stream().filter(Stored::duplicate).count();
    int filtered = (int) stored.stream().filter(x -> !x.duplicate() && x.filtered()).count();
    int accepted = stored.size() - duplicates;
    if (accepted == 0) {
      RequestMonitor.duplicate(ctx);
    }
    metrics.report(ReportOutcome.ACCEPTED, accepted - filtered);
    metrics.report(ReportOutcome.FILTERED, filtered);
    metrics.report(ReportOutcome.DUPLICATE, duplicates);
    List<Map<String, Object>> results = new ArrayList<>();
    for (Stored s : stored) {
      results.add(Json.object("id", s.eventId(), "status", s.outcome()));
    }
    log.debug("stored {} reports ({} filtered, {} duplicates)", accepted, filtered, duplicates);
    Json.respond(ctx, 200, batchAnswer(accepted, duplicates, filtered, results));
  }

  private Map<String, Object> batchAnswer(int accepted, int duplicates, int filtered,
      List<Map<String, Object>> results) {
    return Json.object(
        "success", true,
        "message", accepted + " stored" + (filtered == 0 ? "" : " (" + filtered + " filtered by ignore rules, not"
            + " delivered)") + ", " + duplicates + " duplicates already stored",
        "timestamp", clock.instant().toString(),
        "accepted", accepted, "duplicates", duplicates, "filtered", filtered, "results", results);
  }

  /** A harmless report through the whole pipeline, so a deployment can be checked end to end. */
  private void test(Context ctx) {
    admit(ctx, Endpoint.TEST);
    RequestMonitor.source(ctx, RequestMonitor.TEST);
    String id = EventIds.next(clock);
    ErrorReport report = ErrorReport.builder()
        .eventId(id)
        .errorMessage("Test notification from the Jahiz receiver: reports reach this chat.")
        .severity(Severity.INFO)
        .appName("jahiz-receiver")
        .errorType("TestNotification")
        // Each test stands alone: a digest of test notifications would hide that delivery works.
        .fingerprint("test-" + id)
        .tags(Map.of("test", "true"))
        .build();
    ctx.future(() -> ingestor.ingestAsync(List.of(report)).thenAccept(stored -> answer(ctx, stored.get(0))));
  }

  /**
   * 200 for a stored report, new or duplicate: the seed's SDKs count only a 200 as success and read
   * {@code success}, {@code message}, {@code error_id} and {@code timestamp}; Jahiz's own transport
   * takes any 2xx and the rest of the body says which case it was.
   */
  private void answer(Context ctx, Stored stored) {
    boolean duplicate = stored.duplicate();
    if (duplicate) {
      RequestMonitor.duplicate(ctx);
    }
    boolean filtered = !duplicate && stored.filtered();
    metrics.report(duplicate ? ReportOutcome.DUPLICATE : filtered ? ReportOutcome.FILTERED : ReportOutcome.ACCEPTED, 1);
    // DEBUG: the access log (JAHIZ_ACCESS_LOG) and the metrics already count every answer.
    if (duplicate) {
      log.debug("duplicate report {} ignored", stored.eventId());
    } else {
      log.debug("stored report {} fingerprint {}{}", stored.eventId(), stored.fingerprint(),
          filtered ? " (filtered by an ignore rule: not delivered)" : "");
    }
    Json.respond(ctx, 200, Json.object(
        "success", true,
        "message", duplicate ? "Duplicate event_id: already stored, not delivered again"
            : filtered ? "Error report stored; it matches an ignore rule, so it is not delivered"
            : "Error report stored; delivery to Telegram follows",
        "error_id", stored.eventId(),
        "timestamp", clock.instant().toString(),
        "status", stored.outcome(),
        "id", stored.eventId(),
        "fingerprint", stored.fingerprint()));
  }

  /** The raw body of a request that passed size, signature, browser-key and media-type checks. */
  private byte[] admit(Context ctx, Endpoint endpoint) {
    String address = ctx.ip();
    Instant now = clock.instant();
    Duration blocked = failures.blockedFor(address, now);
    if (blocked != null) {
      metrics.report(ReportOutcome.THROTTLED, 1);
      throw AuthFailureLimiter.tooManyFailures(blocked);
    }
    byte[] body = bodies.read(ctx);
    WebhookAuth.Result verdict = auth.check(body, ctx::header, ctx.queryParam(BrowserKeys.QUERY_PARAMETER), now);
    RequestMonitor.signature(ctx, verdict.ok());
    if (!verdict.ok()) {
      if (verdict.reason() != null && verdict.reason().contains("replay window")) {
        RequestMonitor.errorType(ctx, WebhookEvent.STALE_TIMESTAMP);
      }
      failures.recordFailure(address, now);
      metrics.report(ReportOutcome.UNAUTHORIZED, 1);
      log.warn("rejected unauthenticated request from {} ({}: {})", address, verdict.mode(), verdict.reason());
      throw ApiError.of(401, "unauthorized", verdict.reason());
    }
    ctx.attribute(SIGNED_BYTES, ReplayIds.signedBytes(verdict.mode(), body, ctx::header));
    boolean fromBrowserKey = verdict.browserKey() != null;
    if (fromBrowserKey) {
      admitBrowser(ctx, endpoint, verdict, address, now);
    }
    String type = RequestBodies.mediaType(ctx);
    // navigator.sendBeacon cannot send JSON without a preflight it does not make: it sends text/plain.
    boolean acceptable = RequestBodies.isJson(type) || (fromBrowserKey && type.equals("text/plain"));
    if (!(endpoint.emptyBodyAllowed && body.length == 0) && !acceptable) {
      metrics.report(ReportOutcome.UNSUPPORTED_MEDIA_TYPE, 1);
      throw ApiError.of(415, "unsupported media type", "Content-Type must be application/json"
          + (fromBrowserKey ? " (or text/plain, as navigator.sendBeacon sends it)" : ""));
    }
    return body;
  }

  private void admitBrowser(Context ctx, Endpoint endpoint, WebhookAuth.Result verdict, String address, Instant now) {
    try {
      if (!endpoint.browserKeysAllowed) {
        throw ApiError.of(403, "forbidden", "a browser key can only submit single reports to POST /webhook/error;"
            + " batches and test notifications need WEBHOOK_SECRET");
      }
      browserKeys.admit(verdict.browserKey(), ctx.header("Origin"), address, now);
    } catch (ApiError refused) {
      metrics.report(refused.status() == 429 ? ReportOutcome.THROTTLED : ReportOutcome.FORBIDDEN, 1);
      log.warn("refused browser-key request from {} (origin {}): {}", address, ctx.header("Origin"),
          refused.details() != null ? refused.details() : refused.getMessage());
      throw refused;
    }
  }

  private ApiError invalid(List<Violation> violations) {
    metrics.report(ReportOutcome.INVALID, 1);
    List<Map<String, Object>> details = new ArrayList<>();
    for (Violation v : violations) {
      details.add(Json.object("field", v.field(), "message", v.message()));
    }
    return ApiError.of(422, "invalid report", details);
  }

  /** The app name of an authenticated body the schema refused, so its sender is known in monitoring. */
  private static String appNameOf(byte[] body) {
    try {
      JsonNode tree = Json.MAPPER.readTree(body);
      JsonNode first = tree != null && tree.isArray() ? tree.path(0) : tree;
      JsonNode name = first == null ? null : first.get("app_name");
      return name != null && name.isTextual() ? name.asText() : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

}
