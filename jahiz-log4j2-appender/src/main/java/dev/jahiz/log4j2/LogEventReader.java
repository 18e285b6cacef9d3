package dev.jahiz.log4j2;

import dev.jahiz.logging.CallerContext;
import dev.jahiz.logging.CallerContexts;
import dev.jahiz.logging.EventMapping;
import dev.jahiz.report.ErrorReport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.message.MapMessage;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.util.ReadOnlyStringMap;

/**
 * Reads everything a report needs out of a Log4j event, on the logging thread. Log4j reuses
 * events (AsyncLogger's ring buffer slots, garbage-free mutable events), so nothing here keeps a
 * reference to the event: the message is formatted and the context data and map fields are copied
 * now. Only the throwable travels on as is; the core renders its trace off-thread.
 */
final class LogEventReader {
  /** A MapMessage field with this key is the message; the rest are metadata. */
  static final String MESSAGE_KEY = "message";

  private final EventMapping mapping;
  private final boolean callerData;

  LogEventReader(EventMapping mapping, boolean callerData) {
    this.mapping = mapping;
    this.callerData = callerData;
  }

  ErrorReport read(LogEvent event) {
    Message message = event.getMessage();
    Map<String, Object> fields = mapFields(message);
    Object fromMap = fields.remove(MESSAGE_KEY);
    String text = fromMap != null ? String.valueOf(fromMap) : message == null ? null : message.getFormattedMessage();

    ErrorReport.Builder report = mapping.map(
        // Custom levels map by the standard level they sit on.
        event.getLevel().getStandardLevel().name(),
        markerNames(event.getMarker()),
        text,
        event.getLoggerName(),
        event.getThreadName(),
        withCallerContext(event, contextData(event.getContextData())),
        fields,
        event.getTimeMillis());
    if (callerData && event.getThrown() == null) {
      // Costly for synchronous loggers (a stack walk), and only filled for async ones with
      // includeLocation="true": that is why it is opt-in.
      StackTraceElement source = event.getSource();
      if (source != null) {
        report.fileName(source.getFileName())
            .lineNumber(source.getLineNumber() >= 0 ? source.getLineNumber() : null)
            .functionName(source.getClassName() + "." + source.getMethodName());
      }
    }
    return report.build();
  }

  /**
   * The registered {@link CallerContext}s' entries, when this runs on the thread that logged the
   * event: not on an async logger's or {@code AsyncAppender}'s thread, which knows nothing of the
   * caller's request (the event's own context data, taken on the caller's thread, is all there is).
   */
  private static Map<String, String> withCallerContext(LogEvent event, Map<String, String> contextData) {
    return event.getThreadId() == Thread.currentThread().getId()
        ? CallerContexts.addTo(contextData, event.getThrown()) : contextData;
  }

  private static Map<String, Object> mapFields(Message message) {
    if (!(message instanceof MapMessage)) {
      return new LinkedHashMap<>();
    }
    // getData() is a copy taken now, so later changes to the message do not show.
    return new LinkedHashMap<>(((MapMessage<?, ?>) message).getData());
  }

  private static Map<String, String> contextData(ReadOnlyStringMap data) {
    if (data == null || data.isEmpty()) {
      return Collections.emptyMap();
    }
    Map<String, String> copy = new LinkedHashMap<>();
    data.forEach((key, value) -> copy.put(key, value == null ? null : String.valueOf(value)));
    return copy;
  }

  /** The marker and all its ancestors, each once, nearest first. */
  static List<String> markerNames(Marker marker) {
    if (marker == null) {
      return Collections.emptyList();
    }
    Set<String> names = new LinkedHashSet<>();
    collect(marker, names);
    return new ArrayList<>(names);
  }

  private static void collect(Marker marker, Set<String> names) {
    if (!names.add(marker.getName())) {
      return; // seen already: marker graphs may share parents
    }
    Marker[] parents = marker.getParents();
    if (parents != null) {
      for (Marker parent : parents) {
        collect(parent, names);
      }
    }
  }
}
