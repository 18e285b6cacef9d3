package dev.jahiz.fingerprint;

import java.util.List;

/**
 * The trace formats a text trace is read with, first recognizer wins (JavaScript before Java: a
 * Chrome stack's {@code     at fn (…)} lines look like a JVM's).
 */
final class TraceFormats {
  private static final List<TraceFormat> FORMATS = List.of(new JavaScriptTrace(), new PythonTrace(), new JavaTrace());

  private TraceFormats() {}

  static List<List<TraceFrame>> exceptionsOf(String trace, StackFrames rules) {
    for (TraceFormat format : FORMATS) {
      if (format.recognizes(trace)) {
        return format.exceptions(trace, rules);
      }
    }
    return List.of();
  }
}
