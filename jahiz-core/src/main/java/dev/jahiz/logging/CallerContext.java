package dev.jahiz.logging;

import java.util.function.BiConsumer;

/**
 * What an integration knows about the work the logging thread is doing, such as the web request
 * it is handling, added to a report only when an event is reported: the integration reads the
 * request then, not on every request, so a request that logs no error costs it nothing.
 *
 * <p>Registered once with {@link CallerContexts#register}; both appenders ask every registered
 * context for events they report (at or above their minimum level, not Jahiz's own), on the thread
 * that logged the event, before the report is queued. An appender that runs on another thread than
 * the one that logged (Log4j2's async loggers, Logback's {@code AsyncAppender}) does not ask: what
 * a context reads from its thread would be that other thread's.
 *
 * <p>Must be fast and must not log. Whatever it throws is contained (see {@link CallerContexts}).
 */
@FunctionalInterface
public interface CallerContext {
  /**
   * Adds this thread's entries, as MDC entries: under the keys the event mapping reads (the
   * configured {@code requestUrlKey}, {@code usernameKey}, ..., or {@code http.*} and others for
   * metadata). An entry the event's own MDC has already is kept as the MDC has it; a blank key or
   * value is skipped.
   *
   * @param thrown the event's throwable, or null: an integration may note that it was reported
   * @param entries where to put them
   */
  void addEntries(Throwable thrown, BiConsumer<String, String> entries);
}
