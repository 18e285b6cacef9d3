package dev.jahiz.spring.boot.web;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.MDC;

/**
 * The MDC entries the starter adds for one Spring MVC request, where jahiz-core's event mapping reads them
 * ({@code EventMapping}'s keys, or {@code http.*} for metadata). An entry the app put itself is
 * left as it is; only the starter's own are removed when the request ends.
 */
final class RequestMdc implements MdcEntries, AutoCloseable {
  /** The request attribute under which the filter leaves this for the interceptor. */
  static final String ATTRIBUTE = RequestMdc.class.getName();

  private final List<String> added = new ArrayList<>();

  @Override
  public void put(String key, String value) {
    if (key == null || key.isBlank() || value == null || value.isBlank() || MDC.get(key) != null) {
      return;
    }
    MDC.put(key, value);
    added.add(key);
  }

  @Override
  public void close() {
    added.forEach(MDC::remove);
    added.clear();
  }
}
