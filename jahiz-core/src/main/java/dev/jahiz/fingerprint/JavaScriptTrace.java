package dev.jahiz.fingerprint;

import java.util.ArrayList;
import java.util.List;

/** A browser's or Node's {@code error.stack}, read by {@link JavaScriptFrames}, as a {@link TraceFormat}. */
final class JavaScriptTrace implements TraceFormat {
  @Override
  public boolean recognizes(String trace) {
    return JavaScriptFrames.recognizes(trace);
  }

  @Override
  public List<List<TraceFrame>> exceptions(String trace, StackFrames rules) {
    List<TraceFrame> frames = new ArrayList<>();
    for (JavaScriptFrames.Frame f : JavaScriptFrames.frames(trace)) {
      TraceFrame.Kind kind = f.kind() == JavaScriptFrames.Kind.APPLICATION ? TraceFrame.Kind.APPLICATION
          : f.kind() == JavaScriptFrames.Kind.LIBRARY ? TraceFrame.Kind.LIBRARY : TraceFrame.Kind.IGNORED;
      frames.add(TraceFrame.of(f.stableName(), kind));
    }
    return List.of(frames);
  }
}
