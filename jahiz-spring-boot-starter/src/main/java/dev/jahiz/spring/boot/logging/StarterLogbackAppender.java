package dev.jahiz.spring.boot.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.spi.AppenderAttachable;
import dev.jahiz.logback.JahizAppender;
import java.util.Iterator;

/**
 * The Jahiz appender the starter puts on Boot's root logger. Logback stops every appender when it
 * is reset (Boot re-initialising logging, a configuration reload): this one only takes that as
 * being detached, keeps its client, and is attached again (see {@link LogbackInstallation}); it
 * stops for good when released. It stands down for an event that also reaches a Jahiz appender
 * the app declared in its own logging configuration, so that event arrives once.
 */
final class StarterLogbackAppender extends JahizAppender {
  private final Level minimumLevel;
  private volatile boolean released;

  StarterLogbackAppender(Level minimumLevel) {
    this.minimumLevel = minimumLevel;
  }

  @Override
  public void stop() {
    if (released) {
      super.stop();
    }
  }

  void stopForGood() {
    released = true;
    stop();
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (!event.getLevel().isGreaterOrEqual(minimumLevel)) {
      return;
    }
    IThrowableProxy proxy = event.getThrowableProxy();
    if (proxy instanceof ThrowableProxy) {
      LoggedThrowables.logged(((ThrowableProxy) proxy).getThrowable());
    }
    if (!reachesDeclaredJahizAppender(event.getLoggerName())) {
      super.append(event);
    }
  }

  /** Follows the event up the logger tree as Logback does, stopping where additivity is off. */
  private boolean reachesDeclaredJahizAppender(String loggerName) {
    LoggerContext context = (LoggerContext) getContext();
    String name = loggerName == null ? org.slf4j.Logger.ROOT_LOGGER_NAME : loggerName;
    while (true) {
      Logger logger = context.exists(name);
      if (logger != null) {
        if (hasDeclaredJahizAppender(logger.iteratorForAppenders(), 0)) {
          return true;
        }
        if (!logger.isAdditive()) {
          return false;
        }
      }
      if (org.slf4j.Logger.ROOT_LOGGER_NAME.equals(name)) {
        return false;
      }
      int dot = Math.max(name.lastIndexOf('.'), name.lastIndexOf('$'));
      name = dot > 0 ? name.substring(0, dot) : org.slf4j.Logger.ROOT_LOGGER_NAME;
    }
  }

  @SuppressWarnings("unchecked")
  private boolean hasDeclaredJahizAppender(Iterator<Appender<ILoggingEvent>> appenders, int depth) {
    while (appenders.hasNext()) {
      Appender<ILoggingEvent> a = appenders.next();
      if (a instanceof JahizAppender && a != this && a.isStarted()) {
        return true;
      }
      // An AsyncAppender (or any wrapper) around the app's Jahiz appender.
      if (depth < 2 && a instanceof AppenderAttachable
          && hasDeclaredJahizAppender(((AppenderAttachable<ILoggingEvent>) a).iteratorForAppenders(), depth + 1)) {
        return true;
      }
    }
    return false;
  }
}
