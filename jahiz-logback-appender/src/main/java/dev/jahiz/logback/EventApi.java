package dev.jahiz.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.slf4j.Marker;

/**
 * The parts of a Logback event whose API changed between Logback 1.2 (SLF4J 1.7: one marker, no
 * key-value pairs) and 1.3+ (SLF4J 2: a marker list and key-value pairs). Which one applies is
 * found once, at start; the newer calls live in {@link Slf4j2EventApi}, a class that is never
 * loaded on Logback 1.2, whose SLF4J 1.7 has no {@code org.slf4j.event.KeyValuePair}.
 */
abstract class EventApi {
  /** For the running Logback: 1.3+ when its events have a marker list. */
  static EventApi detect() {
    try {
      ILoggingEvent.class.getMethod("getMarkerList");
      return new Slf4j2EventApi();
    } catch (NoSuchMethodException logback12) {
      return new Slf4j17EventApi();
    }
  }

  /** The markers' names, their references included, e.g. for a CRITICAL marker that references PAYMENTS. */
  abstract List<String> markerNames(ILoggingEvent event);

  /** SLF4J 2 key-value pairs; none on Logback 1.2. */
  abstract Map<String, Object> keyValues(ILoggingEvent event);

  static List<String> namesOf(Collection<Marker> markers) {
    if (markers == null || markers.isEmpty()) {
      return Collections.emptyList();
    }
    List<String> names = new ArrayList<>();
    for (Marker m : markers) {
      addMarker(m, names, 0);
    }
    return names;
  }

  private static void addMarker(Marker marker, List<String> names, int depth) {
    if (marker == null || depth > 8 || names.contains(marker.getName())) {
      return;
    }
    names.add(marker.getName());
    for (Iterator<Marker> it = marker.iterator(); it.hasNext(); ) {
      addMarker(it.next(), names, depth + 1);
    }
  }

  /** Logback 1.2 with SLF4J 1.7. */
  private static final class Slf4j17EventApi extends EventApi {
    @Override
    @SuppressWarnings("deprecation") // the only marker API there is on Logback 1.2
    List<String> markerNames(ILoggingEvent event) {
      Marker marker = event.getMarker();
      return marker == null ? Collections.emptyList() : namesOf(Collections.singletonList(marker));
    }

    @Override
    Map<String, Object> keyValues(ILoggingEvent event) {
      return Collections.emptyMap();
    }

    @Override
    public String toString() {
      return "Logback 1.2 events (one marker, no key-value pairs)";
    }
  }
}
