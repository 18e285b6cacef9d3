package dev.jahiz.fingerprint;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM trace as {@code Throwable.printStackTrace} prints it: {@code at a.b.C.m(C.java:1)} lines,
 * optionally with a module or class-loader prefix ({@code java.base/}, {@code app//}); a hidden
 * class keeps its {@code /0x…} suffix, so it is recognised as generated. Each {@code Caused by:}
 * starts the next exception of the chain; suppressed exceptions (and Reactor's checkpoint report
 * inside one) are skipped.
 */
final class JavaTrace implements TraceFormat {
  private static final Pattern FRAME = Pattern.compile("^(\\s*)at\\s+(?:[^/\\s(]*/(?!0x))*([^\\s(]+)\\.([^.\\s(]+)\\(");

  /** Lines of a trace read; a longer one is cut (a trace is clipped to far fewer before it gets here). */
  private static final int MAX_LINES = 4_000;

  @Override
  public boolean recognizes(String trace) {
    return trace.contains("\tat ") || trace.contains("    at ");
  }

  @Override
  public List<List<TraceFrame>> exceptions(String trace, StackFrames rules) {
    List<List<TraceFrame>> exceptions = new ArrayList<>();
    List<TraceFrame> frames = new ArrayList<>();
    exceptions.add(frames);
    String indent = null;
    boolean suppressed = false;
    int lines = 0;
    for (int start = 0, end; start < trace.length() && lines++ < MAX_LINES; start = end + 1) {
      end = trace.indexOf('\n', start);
      if (end < 0) {
        end = trace.length();
      }
      String line = trace.substring(start, end > start && trace.charAt(end - 1) == '\r' ? end - 1 : end);
      if (line.startsWith("Caused by:")) {
        frames = new ArrayList<>();
        exceptions.add(frames);
        indent = null;
        suppressed = false;
        continue;
      }
      if (suppressed || line.trim().startsWith("Suppressed:")) {
        suppressed = true;
        continue;
      }
      // lookingAt, not find: the pattern is anchored, and find would retry it at every position of the line.
      Matcher m = FRAME.matcher(line);
      if (!m.lookingAt()) {
        continue;
      }
      if (indent == null) {
        indent = m.group(1);
      } else if (!indent.equals(m.group(1))) {
        continue;
      }
      frames.add(TraceFrame.ofClass(m.group(2), m.group(3), rules));
    }
    return exceptions;
  }
}
