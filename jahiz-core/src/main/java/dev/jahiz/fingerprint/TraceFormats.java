package dev.jahiz.fingerprint;

import java.util.List;

/**
 * The trace formats a text trace is read with, first recognizer wins (JavaScript before Java: a
 * Chrome stack's {@code     at fn (…)} lines look like a JVM's).
 */
final class TraceFormats {
  private static final TraceFormat JAVA = new JavaTrace();
  private static final List<TraceFormat> FORMATS = List.of(new JavaScriptTrace(), new PythonTrace(), JAVA);

  private TraceFormats() {}

  static List<List<TraceFrame>> exceptionsOf(String trace, StackFrames rules) {
    // A JVM frame names its source file ("(Checkout.java:42)"), which no JavaScript or Python frame
    // does: such a trace is read as Java at once, without trying the other formats line by line.
    if (trace.contains(".java:") && JAVA.recognizes(trace)) {
      return JAVA.exceptions(trace, rules);
    }
    for (TraceFormat format : FORMATS) {
      if (format.recognizes(trace)) {
        return format.exceptions(trace, rules);
      }
    }
    return List.of();
  }
}
