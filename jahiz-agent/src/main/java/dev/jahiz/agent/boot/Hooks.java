package dev.jahiz.agent.boot;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * What the code woven into Logback and Log4j calls. It lives on the system class path, to which
 * the app's class loaders delegate, so they all see this one copy; the agent sets the receivers
 * once it has started. A receiver
 * that throws is contained here: the app's logging call goes on.
 */
public final class Hooks {
  /** (Logback logger, its ILoggingEvent), once per event, on the thread that logs. */
  public static volatile BiConsumer<Object, Object> logbackEvent;
  /** A Log4j LoggerContext whose configuration was just set (at start and on every reconfigure). */
  public static volatile Consumer<Object> log4jConfigured;

  private Hooks() {}

  public static void logback(Object logger, Object event) {
    BiConsumer<Object, Object> receiver = logbackEvent;
    if (receiver != null) {
      try {
        receiver.accept(logger, event);
      } catch (Throwable contained) {
        // The receiver reports its own failures; nothing may reach the app's logging call.
      }
    }
  }

  public static void log4j(Object loggerContext) {
    Consumer<Object> receiver = log4jConfigured;
    if (receiver != null) {
      try {
        receiver.accept(loggerContext);
      } catch (Throwable contained) {
        // As above: Log4j's reconfiguration goes on.
      }
    }
  }
}
