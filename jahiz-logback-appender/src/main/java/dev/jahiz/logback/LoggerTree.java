package dev.jahiz.logback;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.spi.AppenderAttachable;
import java.util.Iterator;

/**
 * For code that reports next to an app's own Logback set-up (the agent, the Spring Boot starter):
 * whether an event of a logger reaches a Jahiz appender the app declared, following Logback's own
 * way up the logger tree (its appenders, then its parents' while additive) and into AsyncAppenders
 * and other appenders that pass events on. Then the event is the app's appender's to report.
 */
public final class LoggerTree {
  private LoggerTree() {}

  /**
   * True when an event of {@code logger} reaches a started appender that is a {@link JahizAppender}
   * (by class name, so the app's own copy counts whichever class loader it came from) other than
   * {@code own} and not of the class {@code ownClass}.
   */
  public static boolean reachesJahizAppender(Logger logger, Object own, Class<?> ownClass) {
    LoggerContext context = logger.getLoggerContext();
    Logger current = logger;
    for (int depth = 0; current != null && depth < 64; depth++) {
      if (hasJahizAppender(current.iteratorForAppenders(), own, ownClass, 0)) {
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
  private static boolean hasJahizAppender(Iterator<Appender<ILoggingEvent>> appenders, Object own, Class<?> ownClass,
      int depth) {
    while (appenders.hasNext()) {
      Appender<ILoggingEvent> a = appenders.next();
      if (a != own && isJahizAppender(a.getClass(), ownClass) && a.isStarted()) {
        return true;
      }
      if (a instanceof AppenderAttachable && depth < 4
          && hasJahizAppender(((AppenderAttachable<ILoggingEvent>) a).iteratorForAppenders(), own, ownClass, depth + 1)) {
        return true;
      }
    }
    return false;
  }

  /** A JahizAppender, or a subclass such as the Spring Boot starter's; not of {@code ownClass}. */
  private static boolean isJahizAppender(Class<?> type, Class<?> ownClass) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (c.getName().equals(JahizAppender.class.getName())) {
        return c != ownClass;
      }
    }
    return false;
  }
}
