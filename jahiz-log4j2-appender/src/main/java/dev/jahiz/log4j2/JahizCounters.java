package dev.jahiz.log4j2;

import dev.jahiz.client.Counters;

/**
 * What a {@link JahizAppender} has done: accepted, sent, grouped, dropped, failed, queue depth. A
 * class of its own so that no signature of the appender names a jahiz-core (Java 11) type: Log4j
 * introspects every method of a plugin class while configuring it, which on Java 8 would fail.
 */
public final class JahizCounters {
  private JahizCounters() {}

  /** Null before the appender started, or when it did not start. */
  public static Counters of(JahizAppender appender) {
    Log4jReporter reporter = appender.reporter();
    return reporter == null ? null : reporter.counters();
  }
}
