package dev.jahiz.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Defensive copies that keep insertion order, so rendering shows tags in the order they were given. */
final class Maps {
  private Maps() {}

  static <V> Map<String, V> immutableCopy(Map<String, ? extends V> source) {
    if (source == null || source.isEmpty()) {
      return Collections.emptyMap();
    }
    Map<String, V> copy = new LinkedHashMap<>(source.size() * 4 / 3 + 1);
    for (Map.Entry<String, ? extends V> e : source.entrySet()) {
      if (e.getKey() != null) {
        copy.put(e.getKey(), e.getValue());
      }
    }
    return Collections.unmodifiableMap(copy);
  }
}
