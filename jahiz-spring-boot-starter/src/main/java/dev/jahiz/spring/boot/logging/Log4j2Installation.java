package dev.jahiz.spring.boot.logging;

import dev.jahiz.client.Counters;
import dev.jahiz.config.JahizOption;
import dev.jahiz.log4j2.JahizAppender;
import dev.jahiz.log4j2.JahizAppenderBuilder;
import dev.jahiz.log4j2.JahizCounters;
import dev.jahiz.log4j2.TerminalLoggers;
import dev.jahiz.spring.boot.JahizProperties;
import java.beans.PropertyChangeEvent;
import java.beans.PropertyChangeListener;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Jahiz on Boot's Log4j2: one long-lived Jahiz appender that no configuration owns, fed by a
 * forwarder added to the root logger (and every non-additive logger) of each configuration the
 * context gets, so that a reconfiguration (Boot re-initialising logging, a reload) neither loses nor
 * restarts it. A configuration that declares its own {@code <Jahiz>} gets no forwarder: its events
 * arrive once, with the app's settings.
 */
final class Log4j2Installation implements Installation, PropertyChangeListener {
  private static final String APPENDER_CLASS = JahizAppender.class.getName();
  private static final String ASYNC_PACKAGE = "org.apache.logging.log4j.core.async.";
  private final LoggerContext context;
  private final JahizAppender appender;
  private final Level minimumLevel;
  private volatile boolean released;
  /** Whether the context or the current configuration has async loggers. */
  private volatile boolean asyncLoggers;

  private Log4j2Installation(LoggerContext context, JahizAppender appender, Level minimumLevel) {
    this.context = context;
    this.appender = appender;
    this.minimumLevel = minimumLevel;
  }

  /** Null when Boot's logging is not Log4j2, or when the appender could not be built. */
  static Log4j2Installation install(JahizProperties properties) {
    if (!(LogManager.getContext(false) instanceof LoggerContext)) {
      return null;
    }
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    JahizAppenderBuilder builder = JahizAppender.newBuilder().setName("jahiz-spring-boot");
    properties.forEachOption((option, value) -> builder.option(option.optionName(), value));
    JahizAppender appender = builder.build();
    if (appender == null) {
      return null;
    }
    appender.start();
    Log4j2Installation installation = new Log4j2Installation(context, appender,
        Level.toLevel(properties.valueOf(JahizOption.MINIMUM_LEVEL), Level.ERROR));
    context.addPropertyChangeListener(installation);
    installation.attach(context.getConfiguration());
    return installation;
  }

  @Override
  public void propertyChange(PropertyChangeEvent event) {
    if (LoggerContext.PROPERTY_CONFIG.equals(event.getPropertyName())
        && event.getNewValue() instanceof Configuration) {
      attach((Configuration) event.getNewValue());
    }
  }

  private synchronized void attach(Configuration config) {
    if (released || config == null) {
      return;
    }
    asyncLoggers = isAsync(context, config);
    for (Appender a : config.getAppenders().values()) {
      if (a.getClass().getName().equals(APPENDER_CLASS)) {
        return;
      }
    }
    Forwarder f = new Forwarder();
    f.start();
    TerminalLoggers.addAppender(config, f);
  }

  /**
   * All loggers async ({@code log4j2.contextSelector=...AsyncLoggerContextSelector}) or some
   * ({@code <AsyncLogger>}, {@code <AsyncRoot>}): told by class name, so that no class of Log4j's
   * async package, which needs the LMAX Disruptor, is loaded here.
   */
  private static boolean isAsync(LoggerContext context, Configuration config) {
    for (Class<?> c = context.getClass(); c != null; c = c.getSuperclass()) {
      if (c.getName().equals(ASYNC_PACKAGE + "AsyncLoggerContext")) {
        return true;
      }
    }
    if (config.getRootLogger().getClass().getName().startsWith(ASYNC_PACKAGE)) {
      return true;
    }
    for (LoggerConfig logger : config.getLoggers().values()) {
      if (logger.getClass().getName().startsWith(ASYNC_PACKAGE)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean reportsOnLoggingThread() {
    return !asyncLoggers;
  }

  @Override
  public Counters counters() {
    return JahizCounters.of(appender);
  }

  @Override
  public String framework() {
    return "Log4j2";
  }

  @Override
  public void release() {
    synchronized (this) {
      if (released) {
        return;
      }
      released = true;
    }
    // The forwarders stay in their configurations (stopping them would make Log4j complain on each
    // event) and hand nothing on from now.
    context.removePropertyChangeListener(this);
    appender.stop();
  }

  /** What a configuration holds: hands events on, and stops with that configuration alone. */
  private final class Forwarder extends AbstractAppender {
    Forwarder() {
      super("jahiz-spring-boot", null, null, true, Property.EMPTY_ARRAY);
    }

    @Override
    public void append(LogEvent event) {
      if (released || !event.getLevel().isMoreSpecificThan(minimumLevel)) {
        return;
      }
      LoggedThrowables.logged(event.getThrown());
      appender.append(event);
    }
  }
}
