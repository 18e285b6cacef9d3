package dev.jahiz.receiver.api;

import dev.jahiz.receiver.http.ApiError;
import dev.jahiz.receiver.ingest.AuthFailureLimiter;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Stored reports carry user data (emails, ids, request bodies), so the read API asks for a read
 * token ({@code JAHIZ_READ_TOKEN}, several during a rotation) as a bearer token, compared in constant
 * time. The webhook secret, which every reporting app holds, does not read unless the operator
 * switched that on for compatibility. Failed attempts lock an address out as failed signatures do
 * (a lock-out of its own). Open only in development mode with no read token set.
 */
public final class ReadAuth {
  private static final String BEARER = "Bearer ";

  private final List<byte[]> tokens;
  private final boolean open;
  private final AuthFailureLimiter failures;
  private final Clock clock;

  private ReadAuth(List<byte[]> tokens, boolean open, AuthFailureLimiter failures, Clock clock) {
    this.tokens = tokens;
    this.open = open;
    this.failures = failures;
    this.clock = clock;
  }

  /** @param tokens every bearer token that may read: the read tokens, and the webhook secret if allowed to */
  public static ReadAuth withTokens(List<String> tokens, AuthFailureLimiter failures, Clock clock) {
    return new ReadAuth(tokens.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList(), false, failures, clock);
  }

  /** Development mode without a read token: every read passes. */
  public static ReadAuth open() {
    return new ReadAuth(List.of(), true, null, null);
  }

  public void require(Context ctx) {
    if (open) {
      return;
    }
    String address = ctx.ip();
    Instant now = clock.instant();
    Duration blocked = failures.blockedFor(address, now);
    if (blocked != null) {
      throw AuthFailureLimiter.tooManyFailures(blocked);
    }
    if (tokens.isEmpty()) {
      throw ApiError.of(401, "unauthorized", "reading is switched off: set JAHIZ_READ_TOKEN on the receiver");
    }
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      failures.recordFailure(address, now);
      throw ApiError.of(401, "unauthorized", "send Authorization: Bearer <JAHIZ_READ_TOKEN>");
    }
    if (!matches(header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8))) {
      failures.recordFailure(address, now);
      throw ApiError.of(401, "unauthorized", "bearer token does not match");
    }
  }

  private boolean matches(byte[] presented) {
    boolean any = false;
    for (byte[] token : tokens) {
      any |= MessageDigest.isEqual(token, presented); // every token compared, whichever matches
    }
    return any;
  }
}
