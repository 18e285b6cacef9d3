package dev.jahiz.agent.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ContextBase;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.status.Status;
import dev.jahiz.agent.Agent;
import dev.jahiz.agent.AgentSettings;
import dev.jahiz.agent.LoggedThrowables;
import dev.jahiz.logback.JahizAppender;
import java.util.Iterator;
import java.util.function.BiConsumer;

/**
 * Receives every event of one Logback (from {@code Logger#callAppenders}) and hands those at the
 * minimum level to a {@link JahizAppender} of its own, the one an app would put in {@code
 * logback.xml}, configured from the agent's settings. That appender belongs to no logger and no
 * logger context of the app, so neither the app's configuration nor Spring Boot's resets touch it.
 *
 * <p>Where the event will also reach a Jahiz appender the app configured itself, the agent stands
 * down for that event: the app's own, more specific, settings decide, and the event is sent once.
 */
public final class LogbackSink implements BiConsumer<Object, Object>, AutoCloseable {
  private static final String APPENDER_CLASS = "dev.jahiz.logback.JahizAppender";
  private final AgentSettings settings;
  private final int minimumLevel;
  private volatile JahizAppender appender;
  private volatile boolean unavailable;
  private final ThreadLocal<Boolean> starting = new ThreadLocal<>();

  public LogbackSink(AgentSettings settings) {
    this.settings = settings;
    this.minimumLevel = Level.toLevel(settings.option("minimumLevel"), Level.ERROR).toInt();
  }

  @Override
  public void accept(Object logger, Object e) {
    ILoggingEvent event = (ILoggingEvent) e;
    if (event.getLevel().toInt() < minimumLevel) {
      return;
    }
    IThrowableProxy proxy = event.getThrowableProxy();
    if (proxy instanceof ThrowableProxy) {
      LoggedThrowables.logged(((ThrowableProxy) proxy).getThrowable());
    }
    if (reachesAppsJahizAppender((Logger) logger)) {
      return;
    }
    JahizAppender a = appender();
    if (a != null) {
      a.doAppend(event);
    }
  }

  private JahizAppender appender() {
    JahizAppender a = appender;
    if (a != null || unavailable || starting.get() != null) {
      // Starting may log (an app that routes java.util.logging to Logback): not into a half-made appender.
      return a;
    }
    synchronized (this) {
      if (appender == null && !unavailable) {
        starting.set(Boolean.TRUE);
        try {
          ContextBase context = new ContextBase();
          context.setName("jahiz-agent");
          context.getStatusManager().add(LogbackSink::onStatus);
          JahizAppender created = new JahizAppender();
          created.setContext(context);
          created.setName("jahiz-agent");
          settings.applyTo(created);
          created.start();
          if (created.isStarted()) {
            appender = created;
          } else {
            unavailable = true;
          }
        } finally {
          starting.remove();
        }
      }
      return appender;
    }
  }

  private static void onStatus(Status status) {
    if (status.getLevel() >= Status.WARN) {
      Agent.status().onStatus(status.getLevel() == Status.ERROR ? dev.jahiz.StatusListener.Level.ERROR
          : dev.jahiz.StatusListener.Level.WARN, status.getMessage(), status.getThrowable());
    }
  }

  /** Walks the event's way up the logger tree as Logback will: its appenders, then its parents' while additive. */
  private static boolean reachesAppsJahizAppender(Logger logger) {
    LoggerContext context = logger.getLoggerContext();
    Logger current = logger;
    for (int depth = 0; current != null && depth < 64; depth++) {
      if (hasAppsJahizAppender(current.iteratorForAppenders(), 0)) {
        return true;
      }
      if (!current.isAdditive() || Logger.ROOT_LOGGER_NAME.equals(current.getName())) {
        return false;
      }
      current = parentOf(context, current.getName());
    }
    return false;
  }

  private static Logger parentOf(LoggerContext context, String name) {
    String n = name;
    while (true) {
      int cut = Math.max(n.lastIndexOf('.'), n.lastIndexOf('$'));
      if (cut <= 0) {
        return context.getLogger(Logger.ROOT_LOGGER_NAME);
      }
      n = n.substring(0, cut);
      Logger parent = context.exists(n);
      if (parent != null) {
        return parent;
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static boolean hasAppsJahizAppender(Iterator<Appender<ILoggingEvent>> appenders, int depth) {
    while (appenders.hasNext()) {
      Appender<ILoggingEvent> a = appenders.next();
      if (isAppsJahizAppender(a.getClass()) && a.isStarted()) {
        return true;
      }
      // AsyncAppender and its kin pass events on to appenders of their own.
      if (a instanceof AppenderAttachable && depth < 4
          && hasAppsJahizAppender(((AppenderAttachable<ILoggingEvent>) a).iteratorForAppenders(), depth + 1)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The app's own copy of the Jahiz appender, or a subclass of it such as the one the Spring Boot
   * starter installs; not the agent's own.
   */
  private static boolean isAppsJahizAppender(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (c.getName().equals(APPENDER_CLASS)) {
        return c != JahizAppender.class;
      }
    }
    return false;
  }

  /** Delivers what is queued within the close timeout. */
  @Override
  public void close() {
    JahizAppender a = appender;
    if (a != null) {
      a.stop();
    }
  }
}
