package dev.jahiz.fingerprint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Python traceback: {@code File "x.py", line 1, in f} lines, most recent call last. In a chain
 * ("The above exception was the direct cause…") the last traceback is the one raised last, the
 * earlier ones its causes. Frames of installed packages are the libraries'; the interpreter's
 * frozen bootstrap frames are ignored.
 */
final class PythonTrace implements TraceFormat {
  private static final Pattern FRAME = Pattern.compile("^\\s*File \"([^\"]+)\", line \\d+(?:, in (\\S+))?");

  @Override
  public boolean recognizes(String trace) {
    return trace.startsWith("Traceback") || trace.contains("\n  File \"") || trace.startsWith("  File \"");
  }

  @Override
  public List<List<TraceFrame>> exceptions(String trace, StackFrames rules) {
    List<List<TraceFrame>> exceptions = new ArrayList<>();
    List<TraceFrame> frames = null;
    for (String line : trace.split("\r?\n", 4000)) {
      if (frames == null || line.startsWith("Traceback")) {
        frames = new ArrayList<>();
        exceptions.add(frames);
      }
      Matcher m = FRAME.matcher(line);
      if (m.lookingAt()) {
        String file = m.group(1);
        String name = file + (m.group(2) == null ? "" : ":" + m.group(2));
        TraceFrame.Kind kind = file.startsWith("<frozen ") ? TraceFrame.Kind.IGNORED
            : file.contains("site-packages") || file.contains("dist-packages") || file.contains("/lib/python")
                ? TraceFrame.Kind.LIBRARY : TraceFrame.Kind.APPLICATION;
        frames.add(TraceFrame.of(StackFrames.stable(name), kind));
      }
    }
    exceptions.removeIf(List::isEmpty);
    for (List<TraceFrame> f : exceptions) {
      Collections.reverse(f);
    }
    Collections.reverse(exceptions);
    return exceptions;
  }
}
