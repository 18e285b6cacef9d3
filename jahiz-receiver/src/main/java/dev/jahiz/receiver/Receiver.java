package dev.jahiz.receiver;

import dev.jahiz.StatusListener;
import dev.jahiz.delivery.Transport;
import dev.jahiz.fingerprint.Fingerprints;
import dev.jahiz.receiver.api.DocsRoutes;
import dev.jahiz.receiver.api.InfoRoutes;
import dev.jahiz.receiver.api.QueryRoutes;
import dev.jahiz.receiver.api.ReadAuth;
import dev.jahiz.receiver.config.ReceiverConfig;
import dev.jahiz.receiver.delivery.Backoff;
import dev.jahiz.receiver.delivery.ConsoleTransport;
import dev.jahiz.receiver.delivery.DeliveryWorker;
import dev.jahiz.receiver.health.DestinationCheck;
import dev.jahiz.receiver.health.HealthRoutes;
import dev.jahiz.receiver.config.Origins;
import dev.jahiz.receiver.config.PublicKey;
import dev.jahiz.receiver.http.ApiError;
import dev.jahiz.receiver.http.Cors;
import dev.jahiz.receiver.http.Json;
import dev.jahiz.receiver.http.JsonErrorHandler;
import dev.jahiz.receiver.http.RequestIds;
import dev.jahiz.receiver.http.RequestLimits;
import dev.jahiz.receiver.ingest.AuthFailureLimiter;
import dev.jahiz.receiver.ingest.BrowserKeys;
import dev.jahiz.receiver.ingest.IngestRoutes;
import dev.jahiz.receiver.ingest.Ingestor;
import dev.jahiz.receiver.ingest.WebhookAuth;
import dev.jahiz.receiver.metrics.MetricsRoutes;
import dev.jahiz.receiver.metrics.ReceiverMetrics;
import dev.jahiz.receiver.monitoring.RequestMonitor;
import dev.jahiz.receiver.monitoring.WebhookMonitoring;
import dev.jahiz.receiver.sentry.SentryRoutes;
import dev.jahiz.receiver.store.Database;
import dev.jahiz.receiver.store.GroupCommit;
import dev.jahiz.receiver.store.ChatPace;
import dev.jahiz.receiver.store.DeliveryQueue;
import dev.jahiz.receiver.store.Leases;
import dev.jahiz.receiver.store.Heartbeat;
import dev.jahiz.receiver.store.Jdbc;
import dev.jahiz.receiver.store.ReportInserts;
import dev.jahiz.receiver.store.ReportQueries;
import dev.jahiz.receiver.store.ReportStatistics;
import dev.jahiz.receiver.store.ReportRetention;
import dev.jahiz.receiver.store.RetentionJob;
import dev.jahiz.receiver.store.StoreException;
import dev.jahiz.receiver.triage.Triage;
import dev.jahiz.receiver.ui.UiRoutes;
import dev.jahiz.telegram.TelegramRenderer;
import dev.jahiz.telegram.TelegramTransport;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.NotFoundResponse;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running receiver: HTTP server, database, delivery worker and retention job, wired from one
 * configuration. {@link #close()} shuts down in the order that loses nothing: stop taking requests
 * (finishing those in flight), let the worker finish its digest, then release the rest.
 */
public final class Receiver implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Receiver.class);
  private static final Logger access = LoggerFactory.getLogger("dev.jahiz.receiver.access");
  private static final String STARTED_NANOS = "jahiz.started";

  private final Javalin app;
  private final GroupCommit writes;
  private final DeliveryWorker worker;
  private final RetentionJob retention;
  private final Transport transport;
  private final Database database;
  private final List<String> routes;
  private final WebhookMonitoring monitoring;
  private final Triage triage;

  private Receiver(Javalin app, GroupCommit writes, DeliveryWorker worker, RetentionJob retention, Transport transport,
      Database database, List<String> routes, WebhookMonitoring monitoring, Triage triage) {
    this.app = app;
    this.triage = triage;
    this.monitoring = monitoring;
    this.writes = writes;
    this.database = database;
    this.worker = worker;
    this.retention = retention;
    this.transport = transport;
    this.routes = routes;
  }

  public static Receiver start(ReceiverConfig config) {
    return start(config, Clock.systemUTC(), System.out);
  }

  /**
   * @param clock the time used for signatures, grouping windows and retention (tests move it)
   * @param console where console mode prints rendered messages
   */
  public static Receiver start(ReceiverConfig config, Clock clock, PrintStream console) {
    Database database = Database.open(config.database());
    Jdbc jdbc = database.jdbc();
    Leases leases = new Leases(jdbc, Leases.newHolder());
    DeliveryQueue queue = new DeliveryQueue(jdbc);
    ReceiverMetrics metrics = new ReceiverMetrics();
    metrics.backlog(() -> {
      try {
        return queue.backlog().pending();
      } catch (RuntimeException e) {
        return Double.NaN;
      }
    });

    TelegramRenderer renderer = TelegramRenderer.byDefault();
    Transport transport;
    Transport alertTransport;
    TelegramTransport bot = null;
    DestinationCheck destination;
    if (config.consoleMode()) {
      transport = new ConsoleTransport(renderer, console);
      alertTransport = transport;
      destination = new DestinationCheck("console",
          () -> new DestinationCheck.Status(true, "console mode: messages are printed, not sent"), Duration.ZERO);
    } else {
      TelegramTransport telegram = telegram(config, renderer, config.chatId().orElseThrow());
      transport = telegram;
      bot = telegram;
      alertTransport = telegram(config, renderer, config.monitoring().alertChatId().orElse(config.chatId().get()));
      destination = new DestinationCheck("telegram", () -> {
        TelegramTransport.Connectivity c = telegram.checkConnectivity();
        return new DestinationCheck.Status(c.isOk(), c.detail());
      }, Duration.ofSeconds(30));
    }

    WebhookMonitoring monitoring = new WebhookMonitoring(config.monitoring(), database.dataSource(),
        metrics.registry(), clock, alertTransport, leases);
    Triage triage = new Triage(config.triage(), database.dataSource(), leases, bot, config.chatId().orElse(null),
        config.telegramTimeout(), clock, metrics.registry());
    DeliveryWorker worker = new DeliveryWorker(queue, transport, metrics, clock, config.groupWindow(),
        new Backoff(config.retryBase(), config.retryMax()), Duration.ofSeconds(1), monitoring.deliveries(),
        triage.gate(), leases, config.deliveryLease(), new ChatPace(jdbc, transport.describe(), transport.pacing()));
    RetentionJob retention = new RetentionJob(new ReportRetention(jdbc), clock, config.retention(), leases);

    BrowserKeys browserKeys = new BrowserKeys(config.publicKeys(), config.publicKeyReportsPerMinute(),
        config.publicKeyAddressReportsPerMinute());
    WebhookAuth auth = config.webhookSecret()
        .map(s -> WebhookAuth.withSecret(s, config.replayWindow(), config.allowSecretHeader(), browserKeys))
        .orElseGet(() -> WebhookAuth.open(browserKeys));
    Origins corsOrigins = config.publicKeys().stream().map(PublicKey::origins)
        .reduce(config.corsOrigins(), Origins::and);
    // Committed batches are answered on Jetty's own threads, not on the writer (which only commits).
    AtomicReference<Executor> httpThreads = new AtomicReference<>(Runnable::run);
    GroupCommit writes = new GroupCommit(new ReportInserts(jdbc), monitoring::writeDue,
        task -> httpThreads.get().execute(task));
    Ingestor ingestor = new Ingestor(writes, Fingerprints.byDefault(), clock, worker::wake, metrics,
        config.ignoreRules());
    String configProblem = config.webhookSecret().isPresent() ? null
        : "WEBHOOK_SECRET is not set (development mode): write endpoints accept unauthenticated requests";

    RequestLimits limits = new RequestLimits(config.maxRequestsPerAddress(), config.bodyTimeout(),
        config.clientAddress());
    // Each credential has its own lock-out: an address guessing read tokens does not stop its app's writes.
    AuthFailureLimiter authFailures = new AuthFailureLimiter(config.authFailuresPerMinute());
    ReadAuth readAuth = config.devMode() && config.readTokens().isEmpty() ? ReadAuth.open()
        : ReadAuth.withTokens(config.readTokens(), new AuthFailureLimiter(config.authFailuresPerMinute()), clock);
    List<String> routes = Collections.synchronizedList(new ArrayList<>());
    Javalin app = Javalin.create(c -> {
      c.startup.showJavalinBanner = false;
      c.startup.showOldJavalinVersionWarning = false;
      c.http.maxRequestSize = config.maxBodyBytes();
      limits.apply(c);
      c.jetty.modifyServer(server -> {
        server.setStopTimeout(10_000);
        server.setErrorHandler(new JsonErrorHandler());
        httpThreads.set(server.getThreadPool());
      });
      c.events.handlerAdded(h -> {
        if (h.getHttpMethod().isHttpMethod()) {
          routes.add(h.getHttpMethod().name() + " " + h.getPath());
        }
      });
      c.routes.before(ctx -> {
        ctx.attribute(STARTED_NANOS, System.nanoTime());
        RequestIds.assign(ctx);
      });
      c.requestLogger.http((ctx, ms) -> logRequest(ctx, metrics, monitoring, config.accessLog()));
      c.routes.exception(ApiError.class, (e, ctx) -> {
        RequestMonitor.errorMessage(ctx, e.getMessage() + (e.details() == null ? "" : ": " + e.details()));
        Json.error(ctx, e);
      });
      c.routes.exception(StoreException.class, (e, ctx) -> {
        RequestIds.resume(ctx); // a write's failure arrives on the thread that completed its future
        RequestMonitor.errorMessage(ctx, e.getMessage());
        log.error("database failure while handling {} {}", ctx.method(), ctx.path(), e);
        Json.error(ctx, ApiError.of(503, "storage unavailable", "the report was not stored; retry later"));
      });
      c.routes.exception(Exception.class, (e, ctx) -> {
        RequestIds.resume(ctx);
        log.error("unexpected failure while handling {} {}", ctx.method(), ctx.path(), e);
        Json.error(ctx, ApiError.of(500, "internal error", null));
      });
      // Javalin's own refusals (no such endpoint, above all) get the same JSON shape as ours.
      c.routes.exception(HttpResponseException.class, (e, ctx) -> Json.error(ctx, e instanceof NotFoundResponse
          ? ApiError.of(404, "not found", "no endpoint " + ctx.method() + " " + ctx.path())
          : ApiError.of(e.getStatus(), e.getMessage(), e.getDetails().isEmpty() ? null : e.getDetails())));
      new InfoRoutes(config.consoleMode() ? "console" : "telegram", routes).register(c.routes);
      new HealthRoutes(queue, new Heartbeat(jdbc), destination, clock, configProblem).register(c.routes);
      new Cors(corsOrigins).register(c.routes, IngestRoutes.PATHS);
      new IngestRoutes(auth, browserKeys, authFailures, ingestor, metrics,
          clock, config.maxBodyBytes(), config.bodyTimeout(), config.maxBatch()).register(c.routes);
      new SentryRoutes(config.sentrySecret().orElse(null), config.devMode(), authFailures, ingestor, metrics, clock,
          config.maxBodyBytes(), config.bodyTimeout()).register(c.routes);
      new QueryRoutes(new ReportQueries(jdbc), new ReportStatistics(jdbc), readAuth, triage.annotations())
          .register(c.routes);
      triage.register(c.routes, readAuth);
      UiRoutes.create(config, database.dataSource(), triage.actions(), clock).register(c.routes);
      monitoring.register(c.routes, readAuth::require);
      new MetricsRoutes(metrics).register(c.routes);
      new DocsRoutes().register(c.routes);
    });

    worker.start();
    retention.start();
    monitoring.start();
    app.start(config.host(), config.port());
    triage.start();
    log.info("jahiz-receiver {} listening on port {} ({}), database {}, {}", InfoRoutes.VERSION, app.port(),
        transport.describe(), database.describe(), config);
    if (configProblem != null) {
      log.warn(configProblem);
    }
    return new Receiver(app, writes, worker, retention, transport, database, List.copyOf(routes), monitoring, triage);
  }

  private static TelegramTransport telegram(ReceiverConfig config, TelegramRenderer renderer, String chatId) {
    Logger telegramLog = LoggerFactory.getLogger("dev.jahiz.telegram");
    return TelegramTransport.builder()
        .botToken(config.botToken().orElseThrow())
        .chatId(chatId)
        .messageThreadId(config.messageThreadId().orElse(null))
        .apiBaseUrl(config.telegramApiUrl())
        .readTimeout(config.telegramTimeout())
        .renderer(renderer)
        .status((level, message, cause) -> {
          if (level == StatusListener.Level.ERROR) {
            telegramLog.error(message, cause);
          } else if (level == StatusListener.Level.WARN) {
            telegramLog.warn(message, cause);
          } else {
            telegramLog.info(message, cause);
          }
        })
        .build();
  }

  private static void logRequest(Context ctx, ReceiverMetrics metrics, WebhookMonitoring monitoring, boolean all) {
    try {
      Long started = ctx.attribute(STARTED_NANOS);
      Duration took = Duration.ofNanos(started == null ? 0 : System.nanoTime() - started);
      String route;
      try {
        route = ctx.endpoint().path;
      } catch (RuntimeException e) {
        route = "unmatched";
      }
      metrics.httpRequest(route, ctx.method().name(), ctx.statusCode(), took);
      if (ctx.method() == HandlerType.POST && !route.equals("unmatched") && !Triage.isTriageRoute(route)) {
        monitoring.answered(ctx, took); // every other POST route is a write endpoint
      }
      int status = ctx.statusCode();
      if (!all && status < 400) {
        return;
      }
      access.atInfo()
          .addKeyValue("method", ctx.method().name())
          .addKeyValue("path", ctx.path())
          .addKeyValue("status", status)
          .addKeyValue("duration_ms", took.toNanos() / 1_000_000.0)
          .addKeyValue("remote", ctx.ip())
          .log("{} {} {}", ctx.method().name(), ctx.path(), status);
    } finally {
      RequestIds.clear();
    }
  }

  public int port() {
    return app.port();
  }

  /** Every registered route as {@code METHOD /path}, for checking the OpenAPI description against. */
  public List<String> routes() {
    return routes;
  }

  public RetentionJob retention() {
    return retention;
  }

  public WebhookMonitoring monitoring() {
    return monitoring;
  }

  @Override
  public void close() {
    log.info("shutting down: no new requests, finishing those in flight");
    triage.close();
    app.stop();
    writes.close();
    worker.close(Duration.ofSeconds(15));
    retention.close();
    monitoring.close();
    transport.close();
    database.close();
    log.info("stopped; undelivered reports stay stored for the next start");
  }
}
