package dev.jahiz.bench;

import dev.jahiz.client.Counters;
import dev.jahiz.log4j2.JahizAppender;
import dev.jahiz.log4j2.JahizAppenderBuilder;
import dev.jahiz.log4j2.JahizCounters;

import io.sentry.log4j2.SentryAppender;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.NullConfiguration;
import org.apache.logging.log4j.core.config.Property;

/**
 * A Log4j2 logger with exactly one appender (not additive, root off): the floor or Sentry, each
 * Jahiz in either transport, or Sentry, each pointed at a local endpoint.
 */
public final class Log4j2Setup implements AutoCloseable {
  public final org.apache.logging.log4j.Logger logger;
  private final LoggerContext context;
  private final Appender appender;
  private final AutoCloseable endpoint;

  /** Does nothing: what Log4j2 costs to log the event without any alerting. */
  public static final class NoopAppender extends AbstractAppender {
    public NoopAppender() {
      super("floor", null, null, true, Property.EMPTY_ARRAY);
    }

    @Override
    public void append(LogEvent event) {
      // the floor
    }
  }

  private Log4j2Setup(LoggerContext context, Appender appender, AutoCloseable endpoint) {
    this.context = context;
    this.appender = appender;
    this.endpoint = endpoint;
    this.logger = context.getLogger("com.example.checkout.OrderController");
  }

  /**
   * @param appender floor, jahiz-telegram, jahiz-receiver or sentry
   * @param endpoint up, down (connection refused) or hang (accepts, never answers)
   */
  public static Log4j2Setup create(String appender, String endpoint) throws Exception {
    Target target = Target.open(appender, endpoint);
    Appender a;
    switch (appender) {
      case "floor":
        a = new NoopAppender();
        break;
      case "jahiz-telegram":
        a = jahiz().setName("jahiz").option("botToken", "123456:fake-token").option("chatId", "-100123")
            .option("telegramApiUrl", target.url).build();
        break;
      case "jahiz-receiver":
        a = jahiz().setName("jahiz").option("receiverUrl", target.url)
            .option("webhookSecret", "bench-secret-bench-secret-bench-secret").build();
        break;
      case "sentry":
        a = SentryAppender.createAppender("sentry", Level.INFO, Level.ERROR, null, target.sentryDsn(), false, null,
            null);
        break;
      default:
        throw new IllegalArgumentException("unknown Log4j2 appender " + appender
            + " (floor, jahiz-telegram, jahiz-receiver, sentry)");
    }
    a.start();
    LoggerContext context = new LoggerContext("bench");
    Configuration config = new NullConfiguration();
    config.addAppender(a);
    LoggerConfig lc = new LoggerConfig("com.example.checkout.OrderController", Level.INFO, false);
    lc.addAppender(a, null, null);
    config.addLogger(lc.getName(), lc);
    context.start(config);
    return new Log4j2Setup(context, a, target.resource);
  }

  private static JahizAppenderBuilder jahiz() {
    JahizAppenderBuilder b = JahizAppender.newBuilder().option("appName", "checkout-api").option("environment", "bench");
    if (LogbackSetup.jahizCloseTimeout != null) {
      b.option("closeTimeout", LogbackSetup.jahizCloseTimeout);
    }
    return b;
  }

  /** Jahiz's counters, or null for the other appenders. */
  public Counters jahizCounters() {
    return appender instanceof JahizAppender ? JahizCounters.of((JahizAppender) appender) : null;
  }

  @Override
  public void close() throws Exception {
    context.stop();
    appender.stop();
    if (endpoint != null) {
      endpoint.close();
    }
  }
}
