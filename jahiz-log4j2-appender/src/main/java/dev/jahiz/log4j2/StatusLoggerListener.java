package dev.jahiz.log4j2;

import dev.jahiz.StatusListener;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.status.StatusLogger;

/**
 * Jahiz's own status (drops, rejected requests, give-ups) goes to Log4j's StatusLogger, which
 * {@code <Configuration status="warn">} shows, and never to the application's loggers: a failing
 * delivery that logged an ERROR through them would be reported again, and fail again.
 */
final class StatusLoggerListener implements StatusListener {
  private static final Logger STATUS = StatusLogger.getLogger();

  private final String prefix;

  /** {@code appenderName} null: the messages name the appender themselves. */
  StatusLoggerListener(String appenderName) {
    this.prefix = appenderName == null ? "" : "Jahiz appender '" + appenderName + "': ";
  }

  @Override
  public void onStatus(Level level, String message, Throwable cause) {
    try {
      String text = prefix + message;
      switch (level) {
        case ERROR:
          STATUS.error(text, cause);
          break;
        case WARN:
          STATUS.warn(text, cause);
          break;
        default:
          STATUS.info(text, cause);
      }
    } catch (RuntimeException | LinkageError ignored) {
      // A status listener must not throw; there is nowhere left to tell.
    }
  }
}
