package dev.jahiz.spring.boot.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A WebFlux request's MDC entries, which grow while it is handled: the request's own when it
 * arrives, the user once Spring Security has authenticated it, the route once a handler is chosen.
 * Kept in the request's Reactor context (and its exchange), from where {@link RequestMdcAccessor}
 * puts them in the MDC of each thread that runs a part of the handling; an entry that arrives while
 * this is in a thread's MDC goes there at once, since the same thread may go on to log. Also
 * carries what a report of the request's unlogged failure needs, when those are reported.
 */
final class ExchangeMdc implements MdcEntries {
  /** The exchange attribute under which the filter leaves this for the later filters. */
  static final String ATTRIBUTE = ExchangeMdc.class.getName();

  private final Map<String, String> entries = new ConcurrentHashMap<>();
  private final ResolvedFailure failure;

  ExchangeMdc(boolean watchFailure) {
    this.failure = watchFailure ? new ResolvedFailure() : null;
  }

  @Override
  public void put(String key, String value) {
    if (key == null || key.isBlank() || value == null || value.isBlank()) {
      return;
    }
    if (entries.putIfAbsent(key, value) == null) {
      RequestMdcAccessor.added(this, key, value);
    }
  }

  Map<String, String> entries() {
    return entries;
  }

  /** Null when unlogged failures are not reported. */
  ResolvedFailure failure() {
    return failure;
  }
}
