package dev.jahiz.receiver.http;

import dev.jahiz.receiver.config.Origins;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Lets web pages of the allowed origins call the write endpoints: answers the browser's preflight
 * and marks the actual answers (errors included, so a page can read why it was refused) readable by
 * the page. Pages of other origins get no CORS headers, so their browser refuses the call.
 *
 * <p>Hand-written rather than Javalin's CorsPlugin, which answers a preflight for any method and any
 * requested header and lets a request from a refused origin reach its handler; here only POST and
 * the headers Jahiz's clients send are allowed, and only on the routes given.
 */
public final class Cors {
  /** Headers the seed's browser SDK and Jahiz's signed clients send. */
  private static final Set<String> ALLOWED_HEADERS = Set.of("content-type", "x-webhook-secret",
      "x-jahiz-timestamp", "x-jahiz-signature", "x-signature", "x-request-id");
  private static final String ALLOWED_HEADERS_ANSWER =
      "Content-Type, X-Webhook-Secret, X-Jahiz-Timestamp, X-Jahiz-Signature, X-Signature, X-Request-Id";
  /** How long a browser may reuse a preflight answer (Chrome caps this at 2 hours). */
  private static final String MAX_AGE_SECONDS = "600";

  private final Origins origins;

  public Cors(Origins origins) {
    this.origins = origins;
  }

  /** Adds the preflight route and the answer headers to each of these POST routes. */
  public void register(RoutesConfig routes, String... paths) {
    for (String path : paths) {
      routes.before(path, this::markAnswer);
      routes.options(path, this::preflight);
    }
  }

  private void markAnswer(Context ctx) {
    String origin = ctx.header("Origin");
    if (ctx.method() != HandlerType.OPTIONS && origin != null && origins.allows(origin)) {
      allowOrigin(ctx, origin);
      ctx.header("Access-Control-Expose-Headers", "X-Request-Id, Retry-After");
    }
  }

  private void preflight(Context ctx) {
    String origin = ctx.header("Origin");
    String method = ctx.header("Access-Control-Request-Method");
    Set<String> requested = headerNames(ctx.header("Access-Control-Request-Headers"));
    String refusal = null;
    if (origin == null || method == null) {
      refusal = "not a CORS preflight: send Origin and Access-Control-Request-Method";
    } else if (!origins.allows(origin)) {
      refusal = "origin " + origin + " is not allowed: list it in JAHIZ_CORS_ORIGINS or with a key in JAHIZ_PUBLIC_KEYS";
    } else if (!method.equals("POST")) {
      refusal = "only POST is allowed, not " + method;
    } else if (!ALLOWED_HEADERS.containsAll(requested)) {
      requested.removeAll(ALLOWED_HEADERS);
      refusal = "headers not allowed: " + String.join(", ", requested);
    }
    if (refusal != null) {
      // Without Access-Control-Allow-Origin the browser refuses the call; the body helps whoever debugs it.
      ctx.header("Vary", "Origin");
      Json.error(ctx, ApiError.of(403, "cors preflight refused", refusal));
      return;
    }
    allowOrigin(ctx, origin);
    ctx.header("Access-Control-Allow-Methods", "POST");
    ctx.header("Access-Control-Allow-Headers", ALLOWED_HEADERS_ANSWER);
    ctx.header("Access-Control-Max-Age", MAX_AGE_SECONDS);
    ctx.status(204);
  }

  private void allowOrigin(Context ctx, String origin) {
    // With "*" configured the answer is "*": the seed's SDK sends no cookies, so none need allowing.
    ctx.header("Access-Control-Allow-Origin", origins.isAny() ? "*" : origin);
    ctx.header("Vary", "Origin");
  }

  private static Set<String> headerNames(String list) {
    if (list == null || list.isBlank()) {
      return new HashSet<>();
    }
    return Arrays.stream(list.split(",")).map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty())
        .collect(Collectors.toCollection(HashSet::new));
  }
}
