package dev.jahiz.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.status.Status;
import com.github.paolodenti.telegram.logback.TelegramAppender;
import dev.jahiz.client.Counters;
import dev.jahiz.logback.JahizAppender;
import dev.jahiz.logback.JahizCounters;
import io.sentry.SentryOptions;
import io.sentry.logback.SentryAppender;

/**
 * A Logback logger with exactly one appender (not additive, nothing on the root): the floor, Jahiz
 * in either transport, Sentry, or telegram-logback, each pointed at a local endpoint.
 */
public final class LogbackSetup implements AutoCloseable {
  public final org.slf4j.Logger logger;
  private final LoggerContext context;
  private final Appender<ILoggingEvent> appender;
  private final AutoCloseable endpoint;

  /** Does nothing: what Logback costs to log the event without any alerting. */
  public static final class NoopAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    @Override
    protected void append(ILoggingEvent event) {
      // the floor
    }
  }

  /** Jahiz's closeTimeout when set (tests shorten teardown); the default 5 s otherwise. */
  static volatile String jahizCloseTimeout;

  private LogbackSetup(LoggerContext context, Appender<ILoggingEvent> appender, AutoCloseable endpoint) {
    this.context = context;
    this.appender = appender;
    this.endpoint = endpoint;
    Logger l = context.getLogger("com.example.checkout.OrderController");
    l.setAdditive(false);
    l.setLevel(Level.INFO);
    l.addAppender(appender);
    this.logger = l;
  }

  /**
   * @param appender floor, jahiz-telegram, jahiz-receiver, sentry or telegram-logback
   * @param endpoint up, down (connection refused) or hang (accepts, never answers)
   */
  public static LogbackSetup create(String appender, String endpoint) throws Exception {
    return create(appender, Target.open(appender, endpoint));
  }

  /** The same, against an endpoint the caller runs (and closes). */
  public static LogbackSetup create(String appender, Fakes.Endpoint endpoint) throws Exception {
    return create(appender, Target.of(endpoint));
  }

  private static LogbackSetup create(String appender, Target target) throws Exception {
    LoggerContext context = new LoggerContext();
    context.setName("bench");
    // What SLF4J's service provider gives the default context; without it every MDC read throws.
    context.setMDCAdapter(new LogbackMDCAdapter());
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.OFF);
    Appender<ILoggingEvent> a;
    switch (appender) {
      case "floor":
        a = new NoopAppender();
        break;
      case "jahiz-telegram": {
        JahizAppender j = jahiz();
        j.setBotToken("123456:fake-token");
        j.setChatId("-100123");
        j.setTelegramApiUrl(target.url);
        a = j;
        break;
      }
      case "jahiz-receiver": {
        JahizAppender j = jahiz();
        j.setReceiverUrl(target.url);
        j.setWebhookSecret("bench-secret-bench-secret-bench-secret");
        a = j;
        break;
      }
      case "sentry": {
        SentryAppender s = new SentryAppender();
        SentryOptions options = new SentryOptions();
        options.setDsn(target.sentryDsn());
        options.setEnvironment("bench");
        s.setOptions(options);
        s.setMinimumEventLevel(Level.ERROR);
        a = s;
        break;
      }
      case "telegram-logback": {
        TelegramAppender<ILoggingEvent> t = new TelegramAppender<>();
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern("%d %-5level [%thread] %logger - %msg%n%ex");
        layout.start();
        t.setLayout(layout);
        t.setBotToken("123456:fake-token");
        t.setChatId("-100123");
        // Its Bot API URL is fixed (https://api.telegram.org); only a proxy can redirect it.
        t.setProxyHost("127.0.0.1");
        t.setProxyPort(String.valueOf(target.port));
        a = t;
        break;
      }
      default:
        throw new IllegalArgumentException("unknown appender " + appender);
    }
    a.setContext(context);
    a.setName(appender);
    a.start();
    if (!a.isStarted()) {
      StringBuilder why = new StringBuilder();
      for (Status s : context.getStatusManager().getCopyOfStatusList()) {
        why.append('\n').append(s);
      }
      throw new IllegalStateException(appender + " did not start:" + why);
    }
    return new LogbackSetup(context, a, target.resource);
  }

  /** Jahiz's appender as both transports share it: the same app, environment and close timeout. */
  private static JahizAppender jahiz() {
    JahizAppender j = new JahizAppender();
    j.setAppName("checkout-api");
    j.setEnvironment("bench");
    if (jahizCloseTimeout != null) {
      j.setCloseTimeout(jahizCloseTimeout);
    }
    // The spool is on by default; -Djahiz.bench.spool=false measures without it. A fresh folder per
    // setup, so that no run sends what an earlier one left.
    j.setSpool(System.getProperty("jahiz.bench.spool", "true"));
    try {
      java.nio.file.Path spool = java.nio.file.Files.createTempDirectory("jahiz-bench-spool");
      spool.toFile().deleteOnExit();
      j.setSpoolDir(spool.toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return j;
  }

  /** Jahiz's counters, or null for the other appenders. */
  public Counters jahizCounters() {
    return appender instanceof JahizAppender ? JahizCounters.of((JahizAppender) appender) : null;
  }

  @Override
  public void close() throws Exception {
    appender.stop();
    context.stop();
    if (endpoint != null) {
      endpoint.close();
    }
  }
}
