package dev.jahiz.receiver.monitoring;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;

/**
 * Turns every answered write request (every POST route: {@code /webhook/*} and any write endpoint
 * added later, such as Sentry's) into one {@link WebhookEvent}, from what the route noted on the
 * request while handling it: the source, whether the signature held, why it failed. A route that
 * notes nothing is still recorded, as source {@code unknown}, with its error type read from the status.
 */
public final class RequestMonitor {
  /** Source of requests whose sender is not known (unauthenticated, or refused before parsing). */
  public static final String UNKNOWN = "unknown";
  /** Source of {@code POST /webhook/test}: the receiver's own test notification. */
  public static final String TEST = "jahiz-receiver";
  private static final String SOURCE = "jahiz.monitor.source";
  private static final String SIGNATURE = "jahiz.monitor.signature";
  private static final String ERROR_TYPE = "jahiz.monitor.error_type";
  private static final String MESSAGE = "jahiz.monitor.message";
  private static final String DUPLICATE = "jahiz.monitor.duplicate";

  private final WebhookRecorder recorder;
  private final Clock clock;

  RequestMonitor(WebhookRecorder recorder, Clock clock) {
    this.recorder = recorder;
    this.clock = clock;
  }

  /** Who sent the request: the report's app name, {@code sentry}, ... */
  public static void source(Context ctx, String source) {
    if (source != null && !source.isBlank()) {
      ctx.attribute(SOURCE, source.strip());
    }
  }

  public static void signature(Context ctx, boolean valid) {
    ctx.attribute(SIGNATURE, valid);
  }

  /** Names the failure when the status alone would not (a stale timestamp is a 401 too). */
  public static void errorType(Context ctx, String errorType) {
    ctx.attribute(ERROR_TYPE, errorType);
  }

  /** What went wrong, as told to the caller (never a secret). */
  public static void errorMessage(Context ctx, String message) {
    ctx.attribute(MESSAGE, message);
  }

  /** The request only repeated reports already stored: a client retry. */
  public static void duplicate(Context ctx) {
    ctx.attribute(DUPLICATE, true);
  }

  /** Records a write request once it was answered; {@code took} runs from its start to the answer. */
  public void answered(Context ctx, Duration took) {
    int status = ctx.statusCode();
    boolean success = status < 400;
    Boolean signature = ctx.attribute(SIGNATURE);
    String source = ctx.attribute(SOURCE);
    String errorType = success ? null : ctx.attribute(ERROR_TYPE);
    if (!success && errorType == null) {
      errorType = errorTypeOf(status);
    }
    String type = !success ? WebhookEvent.ERROR
        : Boolean.TRUE.equals(ctx.attribute(DUPLICATE)) ? WebhookEvent.RETRY : WebhookEvent.PROCESSED;
    recorder.record(new WebhookEvent(clock.instant(), WebhookEvent.Kind.REQUEST, source == null ? UNKNOWN : source,
        type, success, took.toNanos() / 1_000_000.0, status, errorType, success ? null : ctx.attribute(MESSAGE),
        ctx.ip(), signature));
  }

  static String errorTypeOf(int status) {
    switch (status) {
      case 400:
      case 422:
        return "ValidationError";
      case 401:
        return WebhookEvent.INVALID_SIGNATURE;
      case 408:
        return "RequestTimeout";
      case 413:
        return "PayloadTooLarge";
      case 415:
        return "UnsupportedMediaType";
      case 429:
        return "RateLimited";
      case 503:
        return WebhookEvent.STORAGE_ERROR;
      default:
        return status >= 500 ? WebhookEvent.PROCESSING_ERROR : "ClientError";
    }
  }
}
