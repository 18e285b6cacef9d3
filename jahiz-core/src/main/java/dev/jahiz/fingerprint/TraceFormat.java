package dev.jahiz.fingerprint;

import java.util.List;

/**
 * Reads the frames of a stack trace received as text, in one language's format. Each format is
 * its own class (Java, Python, …) and {@link TraceFormats} asks them in turn, so a new one is added
 * without touching the others.
 */
public interface TraceFormat {
  /** True when the text is a trace in this format. */
  boolean recognizes(String trace);

  /**
   * The exceptions of the trace, the one reported (outermost) first, then its causes in order;
   * each as its frames, nearest the throw first, classified as application, library or ignored.
   */
  List<List<TraceFrame>> exceptions(String trace, StackFrames rules);
}
