package dev.jahiz.agent.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.ContextBase;
import ch.qos.logback.core.status.Status;
import dev.jahiz.agent.Agent;
import dev.jahiz.agent.AgentSettings;
import dev.jahiz.agent.LoggedThrowables;
import dev.jahiz.logback.JahizAppender;
import dev.jahiz.logback.LoggerTree;
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
    // The agent's own appender is of its own loader's JahizAppender class; the app's is another.
    if (LoggerTree.reachesJahizAppender((Logger) logger, null, JahizAppender.class)) {
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

  /** Delivers what is queued within the close timeout. */
  @Override
  public void close() {
    JahizAppender a = appender;
    if (a != null) {
      a.stop();
    }
  }
}
