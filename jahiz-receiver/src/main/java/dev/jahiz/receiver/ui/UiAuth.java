package dev.jahiz.receiver.ui;

import dev.jahiz.receiver.ingest.AuthFailureLimiter;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sign-in to the web inbox with the read token ({@code JAHIZ_READ_TOKEN}), never the webhook secret
 * every app holds. The session cookie is HttpOnly and SameSite=Strict (a page of another site cannot
 * post with it); every state-changing form carries the session's CSRF token, compared in constant
 * time; a POST whose {@code Origin} is another site's is refused whatever it carries.
 */
public final class UiAuth {
  public static final String COOKIE = "jahiz_session";

  private final List<byte[]> tokens;
  private final UiSessions sessions;
  private final AuthFailureLimiter failures;
  private final Clock clock;
  private final String publicOrigin;

  /** @param publicUrl the receiver's public address, whose origin forms may also come from; null when unset */
  public UiAuth(List<String> readTokens, UiSessions sessions, AuthFailureLimiter failures, Clock clock,
      String publicUrl) {
    this.tokens = readTokens.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    this.sessions = sessions;
    this.failures = failures;
    this.clock = clock;
    this.publicOrigin = publicUrl == null ? null : origin(publicUrl);
  }

  /** Whether any read token is set: without one nobody can sign in. */
  public boolean enabled() {
    return !tokens.isEmpty();
  }

  public Optional<UiSessions.Session> session(Context ctx) {
    return sessions.find(ctx.cookie(COOKIE), clock.instant());
  }

  /** What went wrong with a sign-in, or empty when the browser is now signed in. */
  public Optional<String> signIn(Context ctx, String token) {
    if (!sameOrigin(ctx)) {
      return Optional.of("Sign-in from another site is refused.");
    }
    Instant now = clock.instant();
    Duration blocked = failures.blockedFor(ctx.ip(), now);
    if (blocked != null) {
      return Optional.of("Too many failed sign-ins: try again in " + Math.max(1, blocked.toSeconds()) + " s.");
    }
    if (!enabled()) {
      return Optional.of("Sign-in is off: set JAHIZ_READ_TOKEN on the receiver.");
    }
    if (token == null || !matches(token.strip().getBytes(StandardCharsets.UTF_8))) {
      failures.recordFailure(ctx.ip(), now);
      return Optional.of("That is not a read token of this receiver.");
    }
    UiSessions.Session s = sessions.create(now);
    ctx.cookie(cookie(ctx, s.cookie(), (int) UiSessions.LIFETIME.toSeconds()));
    return Optional.empty();
  }

  public void signOut(Context ctx, UiSessions.Session session) {
    sessions.delete(session.cookie());
    ctx.cookie(cookie(ctx, "", 0));
  }

  /** The session a state-changing POST may act in: a valid session, its CSRF token, and no foreign origin. */
  public Optional<UiSessions.Session> authorizePost(Context ctx) {
    if (!sameOrigin(ctx)) {
      return Optional.empty();
    }
    Optional<UiSessions.Session> session = session(ctx);
    String presented = ctx.formParam("csrf");
    if (session.isEmpty() || presented == null || !MessageDigest.isEqual(
        session.get().csrfToken().getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8))) {
      return Optional.empty();
    }
    return session;
  }

  private Cookie cookie(Context ctx, String value, int maxAge) {
    boolean secure = "https".equalsIgnoreCase(ctx.scheme())
        || (publicOrigin != null && publicOrigin.startsWith("https:"));
    return new Cookie(COOKIE, value, "/ui", maxAge, secure, true, null, SameSite.STRICT);
  }

  /** No Origin (an old browser, a same-origin GET turned POST) passes; the CSRF token still has to match. */
  private boolean sameOrigin(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin == null) {
      return true;
    }
    String own = ctx.scheme() + "://" + ctx.host();
    return origin.equalsIgnoreCase(own) || origin.equalsIgnoreCase(publicOrigin);
  }

  private boolean matches(byte[] presented) {
    boolean any = false;
    for (byte[] token : tokens) {
      any |= MessageDigest.isEqual(token, presented);
    }
    return any;
  }

  private static String origin(String url) {
    java.net.URI u = java.net.URI.create(url);
    return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
  }
}
