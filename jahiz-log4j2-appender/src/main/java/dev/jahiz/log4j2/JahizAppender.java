package dev.jahiz.log4j2;

import dev.jahiz.HostGuard;
import dev.jahiz.client.Counters;
import dev.jahiz.client.JahizClient;
import dev.jahiz.config.JahizSettings;
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
 */
@Plugin(name = "Jahiz", category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE, printObject = true)
public final class JahizAppender extends AbstractAppender {
  static final String SUPPORTED = "Log4j 2.17 to 2.26 on Java 11+";
  private final JahizSettings settings;
  private final LogEventReader reader;
  private final Level minimumLevel;
  private final JvmShutdown shutdown = new JvmShutdown();
  private final HostGuard guard;
  private volatile JahizClient client;

  JahizAppender(String name, Filter filter, Layout<? extends Serializable> layout, boolean ignoreExceptions,
      Property[] properties, JahizSettings settings, LogEventReader reader, Level minimumLevel) {
    super(name, filter, layout, ignoreExceptions, properties);
    this.settings = settings;
    this.reader = reader;
    this.minimumLevel = minimumLevel;
    this.guard = guard(name);
  }

  /**
   * Contains whatever a Log4j version or library Jahiz does not work with throws, so that Log4j's
   * start-up and the app's logging calls go on; told once on the StatusLogger.
   */
  static HostGuard guard(String name) {
    return HostGuard.builder("Jahiz appender '" + name + "'", new StatusLoggerListener(null))
        .requirement(SUPPORTED).runtime(() -> HostGuard.versionOf("Log4j", LogEvent.class)
            + " on Java " + System.getProperty("java.version")).build();
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
    if (!guard.run("start", () -> {
      shutdown.watch();
      client = settings.startClient(new StatusLoggerListener(getName()));
      LOGGER.debug("Jahiz appender '{}' started: {}", getName(), settings);
    })) {
      // Started all the same, so that Log4j does not complain of a stopped appender on every event.
      LOGGER.debug("Jahiz appender '{}' runs without a client", getName());
    }
    super.start();
  }

  @Override
  public void append(LogEvent event) {
    // A message whose toString() throws, or a Log4j whose events lack a method Jahiz calls: the app
    // must not notice. Told once; an incompatibility also disables the appender.
    guard.run("report an event", () -> {
      if (!wanted(event)) {
        return;
      }
      JahizClient current = client;
      if (current != null) {
        current.report(reader.read(event), event.getThrown());
      }
    });
  }

  private boolean wanted(LogEvent event) {
    if (!event.getLevel().isMoreSpecificThan(minimumLevel)) {
      return false;
    }
    if (JahizClient.isJahizThread() || shutdown.hasStarted()) {
      return false;
    }
    return !isOwnOrTransportLogger(event.getLoggerName());
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
    guard.runEvenIfDisabled("stop", () -> {
      JahizClient current = client;
      if (current != null) {
        current.close();
        LOGGER.info("Jahiz appender '{}' stopped: {}", getName(), current.counters());
      }
      shutdown.unwatch();
    });
    setStopped();
    return stopped;
  }

  /** What the client has done so far; null before start. */
  public Counters counters() {
    JahizClient current = client;
    return current == null ? null : current.counters();
  }

  /** The minimum level this appender reports (ERROR unless configured). */
  public Level getMinimumLevel() {
    return minimumLevel;
  }

  @Override
  public String toString() {
    return "JahizAppender(" + getName() + ", " + settings + ", level>=" + minimumLevel + ")";
  }
}
