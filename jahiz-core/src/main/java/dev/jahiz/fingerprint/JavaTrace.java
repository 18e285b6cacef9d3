package dev.jahiz.fingerprint;

import java.util.ArrayList;
import java.util.List;

/**
 * A JVM trace as {@code Throwable.printStackTrace} prints it: {@code at a.b.C.m(C.java:1)} lines,
 * optionally with a module or class-loader prefix ({@code java.base/}, {@code app//}); a hidden
 * class keeps its {@code /0x…} suffix, so it is recognised as generated. Each {@code Caused by:}
 * starts the next exception of the chain; suppressed exceptions (and Reactor's checkpoint report
 * inside one) are skipped.
 */
final class JavaTrace implements TraceFormat {
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
      if (trace.startsWith("Caused by:", start)) {
        frames = new ArrayList<>();
        exceptions.add(frames);
        indent = null;
        suppressed = false;
        continue;
      }
      if (suppressed || isSuppressed(trace, start, end)) {
        suppressed = true;
        continue;
      }
      int frameIndent = frame(trace, start, end, rules, frames, indent);
      if (indent == null && frameIndent >= 0) {
        indent = trace.substring(start, start + frameIndent);
      }
    }
    return exceptions;
  }

  /**
   * Reads one line as a frame: {@code <indent>at <module/>*<class>.<method>(}. Written out rather than
   * a regex: the regex, with its backtracking over the optional module prefix and the last dot, was
   * most of the cost of fingerprinting a report. Adds the frame when its indent (the whitespace
   * before {@code at}) is {@code indent}, or any when {@code indent} is null, and returns the length
   * of the line's indent, or -1 when the line is no frame.
   */
  private static int frame(String s, int start, int end, StackFrames rules, List<TraceFrame> frames, String indent) {
    int i = start;
    while (i < end && isSpace(s.charAt(i))) {
      i++;
    }
    int lineIndent = i - start;
    if (i + 2 >= end || s.charAt(i) != 'a' || s.charAt(i + 1) != 't' || !isSpace(s.charAt(i + 2))) {
      return -1;
    }
    i += 3;
    while (i < end && isSpace(s.charAt(i))) {
      i++;
    }
    int token = i;
    while (i < end && s.charAt(i) != '(' && !isSpace(s.charAt(i))) {
      i++;
    }
    if (i >= end || s.charAt(i) != '(' || i == token) {
      return -1;
    }
    int tokenEnd = i;
    // Module and class-loader prefixes (java.base/, app//): each up to a '/' not followed by 0x (a
    // hidden class's suffix). As the regex did, fewer are taken when the rest would not read as a
    // class and method.
    List<Integer> prefixEnds = null;
    int from = token;
    for (int slash = s.indexOf('/', from); slash >= 0 && slash < tokenEnd; slash = s.indexOf('/', from)) {
      if (s.startsWith("0x", slash + 1)) {
        break;
      }
      if (prefixEnds == null) {
        prefixEnds = new ArrayList<>(2);
      }
      from = slash + 1;
      prefixEnds.add(from);
    }
    for (int p = prefixEnds == null ? 0 : prefixEnds.size(); p >= 0; p--) {
      int name = p == 0 ? token : prefixEnds.get(p - 1);
      int dot = s.lastIndexOf('.', tokenEnd - 1);
      if (dot > name && dot < tokenEnd - 1) {
        if (indent == null || indent.length() == lineIndent && s.startsWith(indent, start)) {
          frames.add(rules.frame(s.substring(name, tokenEnd), dot - name));
        }
        return lineIndent;
      }
    }
    return -1;
  }

  /** {@code Suppressed:} after any whitespace. */
  private static boolean isSuppressed(String s, int start, int end) {
    int i = start;
    while (i < end && s.charAt(i) <= ' ') {
      i++;
    }
    return s.startsWith("Suppressed:", i);
  }

  /** What {@code \\s} matches. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }
}
