package dev.jahiz.spring.boot.logging;

import dev.jahiz.client.Counters;

/** Jahiz running inside one logging framework of the app, until released. */
public interface Installation {
  /** What the running client has done; null if it did not start. */
  Counters counters();

  /** Which framework, for messages and the health details: "Logback" or "Log4j2". */
  String framework();

  /**
   * Whether Jahiz's appender runs on the thread that logged each event, and so can read what that
   * thread is doing (the request it handles, see {@code dev.jahiz.logging.CallerContext}); false with
   * Log4j2's async loggers, whose events reach appenders on Log4j's own thread.
   */
  default boolean reportsOnLoggingThread() {
    return true;
  }

  /**
   * Takes Jahiz out of the app's logging and delivers what is queued within the close timeout.
   * Safe to call more than once.
   */
  void release();
}
