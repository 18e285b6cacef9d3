package dev.jahiz.receiver.ui;

import dev.jahiz.receiver.config.ReceiverConfig;
import dev.jahiz.receiver.ingest.AuthFailureLimiter;
import dev.jahiz.receiver.monitoring.MonitoringStore;
import dev.jahiz.receiver.triage.GroupActions;
import dev.jahiz.receiver.triage.TriageAction;
import dev.jahiz.receiver.triage.TriageActor;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The web inbox under {@code /ui}: server-rendered pages (no script, no CDN; the stylesheet comes from
 * the jar), behind a sign-in with the read token. Pages need a session; every POST but the sign-in
 * needs the session's CSRF token too, and is refused with 403 otherwise.
 */
public final class UiRoutes {
  private static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self';"
      + " frame-ancestors 'none'; base-uri 'none'";

  private final UiAuth auth;
  private final Inbox inbox;
  private final GroupActions actions;
  private final MonitoringStore monitoring;
  private final boolean monitoringEnabled;
  private final Clock clock;
  private final byte[] css;

  public UiRoutes(UiAuth auth, Inbox inbox, GroupActions actions, MonitoringStore monitoring, boolean monitoringEnabled,
      Clock clock) {
    this.auth = auth;
    this.inbox = inbox;
    this.actions = actions;
    this.monitoring = monitoring;
    this.monitoringEnabled = monitoringEnabled;
    this.clock = clock;
    try (InputStream in = UiRoutes.class.getResourceAsStream("/ui/app.css")) {
      this.css = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The inbox of this receiver: signed in with its read tokens (never the webhook secret). */
  public static UiRoutes create(ReceiverConfig config, DataSource dataSource, GroupActions actions, Clock clock) {
    List<String> tokens = config.readTokens().stream()
        .filter(t -> !t.equals(config.webhookSecret().orElse(null))).toList();
    UiAuth auth = new UiAuth(tokens, new UiSessions(dataSource), new AuthFailureLimiter(config.authFailuresPerMinute()),
        clock, config.triage().publicUrl().orElse(null));
    return new UiRoutes(auth, new Inbox(dataSource), actions, new MonitoringStore(dataSource),
        config.monitoring().enabled(), clock);
  }

  public void register(RoutesConfig routes) {
    routes.before("/ui*", ctx -> {
      ctx.header("Content-Security-Policy", CSP);
      ctx.header("X-Content-Type-Options", "nosniff");
      ctx.header("Referrer-Policy", "same-origin");
      ctx.header("Cache-Control", "no-store");
    });
    routes.get("/ui", this::inbox);
    routes.get("/ui/login", this::loginForm);
    routes.post("/ui/login", this::login);
    routes.post("/ui/logout", this::logout);
    routes.get("/ui/groups/{fingerprint}", this::group);
    routes.post("/ui/groups/{fingerprint}/{action}", this::act);
    routes.get("/ui/monitoring", this::monitoring);
    routes.get("/ui/assets/app.css", ctx -> {
      ctx.header("Cache-Control", "public, max-age=3600");
      ctx.contentType("text/css; charset=utf-8").result(css);
    });
  }

  private Optional<UiSessions.Session> signedIn(Context ctx) {
    Optional<UiSessions.Session> session = auth.session(ctx);
    if (session.isEmpty()) {
      String here = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
      ctx.redirect("/ui/login?next=" + Html.url(here), HttpStatus.SEE_OTHER);
    }
    return session;
  }

  private void inbox(Context ctx) {
    signedIn(ctx).ifPresent(s -> {
      InboxQuery q = InboxQuery.from(ctx);
      Instant now = clock.instant();
      ctx.html(InboxPage.render(q, inbox.list(q, now), inbox.distinct("app_name"), inbox.distinct("environment"),
          s.csrfToken(), now));
    });
  }

  private void group(Context ctx) {
    signedIn(ctx).ifPresent(s -> {
      Instant now = clock.instant();
      Optional<Inbox.Group> group = inbox.group(ctx.pathParam("fingerprint"), now);
      if (group.isEmpty()) {
        ctx.status(404).html(Layout.page("Not found", s.csrfToken(),
            "<h1>No such group</h1><p><a href=\"/ui\">Back to the inbox</a></p>"));
        return;
      }
      Inbox.Group g = group.get();
      int page = page(ctx.queryParam("page"));
      ctx.html(GroupPage.render(g, inbox.reportJson(g.latestEventId()).orElse(null),
          inbox.hourly(g.fingerprint(), now, 7 * 24),
          inbox.occurrences(g.fingerprint(), GroupPage.OCCURRENCES_PER_PAGE, (page - 1) * GroupPage.OCCURRENCES_PER_PAGE),
          page, s.csrfToken(), now));
    });
  }

  private void monitoring(Context ctx) {
    signedIn(ctx).ifPresent(s -> ctx.html(MonitoringPage.render(monitoring, monitoringEnabled, s.csrfToken(),
        clock.instant())));
  }

  private void loginForm(Context ctx) {
    if (auth.session(ctx).isPresent()) {
      ctx.redirect("/ui", HttpStatus.SEE_OTHER);
      return;
    }
    ctx.html(LoginPage.render(auth.enabled() ? null : "Sign-in is off: set JAHIZ_READ_TOKEN on the receiver.",
        next(ctx.queryParam("next"))));
  }

  private void login(Context ctx) {
    String next = next(ctx.formParam("next"));
    Optional<String> problem = auth.signIn(ctx, ctx.formParam("token"));
    if (problem.isPresent()) {
      ctx.status(401).html(LoginPage.render(problem.get(), next));
      return;
    }
    ctx.redirect(next, HttpStatus.SEE_OTHER);
  }

  private void logout(Context ctx) {
    Optional<UiSessions.Session> session = auth.authorizePost(ctx);
    if (session.isEmpty()) {
      refuse(ctx);
      return;
    }
    auth.signOut(ctx, session.get());
    ctx.redirect("/ui/login", HttpStatus.SEE_OTHER);
  }

  private void act(Context ctx) {
    Optional<UiSessions.Session> session = auth.authorizePost(ctx);
    if (session.isEmpty()) {
      refuse(ctx);
      return;
    }
    String fingerprint = ctx.pathParam("fingerprint");
    Optional<TriageAction> action = TriageAction.fromCode(ctx.pathParam("action"));
    if (action.isEmpty() || inbox.group(fingerprint, clock.instant()).isEmpty()) {
      ctx.status(404).html(Layout.page("Not found", session.get().csrfToken(), "<h1>No such group or action</h1>"));
      return;
    }
    actions.apply(fingerprint, action.get(), TriageActor.WEB_INBOX, clock.instant());
    ctx.redirect(Html.groupPath(fingerprint), HttpStatus.SEE_OTHER);
  }

  private static void refuse(Context ctx) {
    ctx.status(403).html(Layout.page("Refused", null, "<h1>Refused</h1><p>This form did not come from a signed-in"
        + " page of this receiver (no session, a foreign origin or a missing CSRF token).</p>"
        + "<p><a href=\"/ui\">Open the inbox</a></p>"));
  }

  /** Where to go after signing in: a page of the inbox, never another site. */
  private static String next(String next) {
    return next != null && next.startsWith("/ui") && !next.startsWith("//") && !next.contains("\\") ? next : "/ui";
  }

  private static int page(String value) {
    try {
      return Math.max(1, Math.min(100_000, Integer.parseInt(String.valueOf(value))));
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
