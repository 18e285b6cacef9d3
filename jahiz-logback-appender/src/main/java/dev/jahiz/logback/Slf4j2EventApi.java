package dev.jahiz.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.event.KeyValuePair;

/** Logback 1.3 and later, on SLF4J 2: several markers and key-value pairs. */
final class Slf4j2EventApi extends EventApi {
  @Override
  List<String> markerNames(ILoggingEvent event) {
    return namesOf(event.getMarkerList());
  }

  @Override
  Map<String, Object> keyValues(ILoggingEvent event) {
    List<KeyValuePair> pairs = event.getKeyValuePairs();
    if (pairs == null || pairs.isEmpty()) {
      return Collections.emptyMap();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (KeyValuePair pair : pairs) {
      out.put(pair.key, pair.value == null ? null : pair.value instanceof Number || pair.value instanceof Boolean
          ? pair.value : String.valueOf(pair.value));
    }
    return out;
  }

  @Override
  public String toString() {
    return "Logback 1.3+ events (markers and key-value pairs)";
  }
}
