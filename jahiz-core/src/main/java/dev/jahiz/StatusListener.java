package dev.jahiz;

/**
 * Where Jahiz tells about itself: dropped reports, rejected requests, bad configuration. The
 * appenders map it to Logback's status manager and Log4j's StatusLogger; it must never be wired to
 * the application's own loggers, or a failing delivery would log an error that is delivered again.
 *
 * <p>Implementations must be thread-safe, fast and must not throw.
 */
@FunctionalInterface
public interface StatusListener {
  enum Level {
    INFO,
    WARN,
    ERROR
  }

  void onStatus(Level level, String message, Throwable cause);

  /** Writes to standard error, the fallback when no framework is there to listen. */
  static StatusListener stderr() {
    return (level, message, cause) -> {
      System.err.println("[jahiz] " + level + " " + message + (cause == null ? "" : ": " + cause));
    };
  }

  static StatusListener silent() {
    return (level, message, cause) -> {};
  }
}
