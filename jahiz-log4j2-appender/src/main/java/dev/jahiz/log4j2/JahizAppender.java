package dev.jahiz.log4j2;

import java.io.Serializable;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderFactory;

/**
 * Sends ERROR events (by default) to Telegram, or to a Jahiz receiver, as structured reports.
 *
 * <pre>{@code
 * <Jahiz name="jahiz" appName="shop" environment="prod" tags="team=payments">
 *   <Property name="region" value="eu"/>
 * </Jahiz>
 * }</pre>
 *
 * <p>The bot token and chat id default to {@code TELEGRAM_BOT_TOKEN} and {@code TELEGRAM_CHAT_ID}.
 * {@link #append} copies what it needs and hands it to the client's bounded queue: it never blocks
 * and never throws, whatever Telegram does. Every option is described on {@link JahizAppenderBuilder}.
 *
 * <p>This class and its builder are Java 8 bytecode and no signature of theirs names a jahiz-core
 * (Java 11) type: Log4j loads the plugin class and introspects its methods and the builder's
 * fields, and on Java 8 a Java 11 class there would fail the whole configuration, not just this
 * appender. jahiz-core is reached through {@link Log4jReporter} once the JVM is known to run it;
 * the counters are read through {@link JahizCounters}.
 */
@Plugin(name = "Jahiz", category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE, printObject = true)
public final class JahizAppender extends AbstractAppender {
  static final String SUPPORTED = "Log4j 2.17 to 2.26 on Java 11+";
  /** Null on Java 8, or when jahiz-core cannot load: the appender then takes events and drops them. */
  private final Log4jReporter reporter;
  private final Level minimumLevel;

  JahizAppender(String name, Filter filter, Layout<? extends Serializable> layout, boolean ignoreExceptions,
      Property[] properties, Log4jReporter reporter, Level minimumLevel) {
    super(name, filter, layout, ignoreExceptions, properties);
    this.reporter = reporter;
    this.minimumLevel = minimumLevel;
  }

  @PluginBuilderFactory
  public static JahizAppenderBuilder newBuilder() {
    return new JahizAppenderBuilder();
  }

  @Override
  public void start() {
    if (isStarted() || isStarting()) {
      // A programmatic set-up may start the appender before its configuration starts it again:
      // a second client would leak threads and a second shutdown watch would be refused.
      return;
    }
    setStarting();
    if (reporter != null && !reporter.start()) {
      // Started all the same, so that Log4j does not complain of a stopped appender on every event.
      LOGGER.debug("Jahiz appender '{}' runs without a client", getName());
    }
    super.start();
  }

  @Override
  public void append(LogEvent event) {
    Log4jReporter r = reporter;
    if (r != null) {
      r.append(event);
    }
  }

  /**
   * Jahiz's own loggers and those of what it runs on (OkHttp, Okio, OSHI for device info):
   * reporting them would report every failed delivery.
   */
  static boolean isOwnOrTransportLogger(String name) {
    return name != null && (name.startsWith("dev.jahiz.") || name.startsWith("okhttp3.") || name.startsWith("okio.")
        || name.startsWith("oshi."));
  }

  /**
   * Delivers what is queued within the appender's closeTimeout (5 s by default), then stops.
   * Log4j's own timeout is not used: it is whatever the caller picked, e.g. the 50 ms that
   * LogManager.shutdown() passes, far too short for a network round trip, or 0 for "no limit".
   */
  @Override
  public boolean stop(long timeout, TimeUnit timeUnit) {
    setStopping();
    boolean stopped = super.stop(timeout, timeUnit, false);
    if (reporter != null) {
      reporter.stop();
    }
    setStopped();
    return stopped;
  }

  /** The part that runs jahiz-core; null when the appender is off (Java 8). */
  Log4jReporter reporter() {
    return reporter;
  }

  /** The minimum level this appender reports (ERROR unless configured). */
  public Level getMinimumLevel() {
    return minimumLevel;
  }

  @Override
  public String toString() {
    return "JahizAppender(" + getName() + ", " + (reporter == null ? "off" : reporter) + ", level>=" + minimumLevel + ")";
  }
}
