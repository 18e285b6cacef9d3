package dev.jahiz.fingerprint;

/**
 * One frame of a trace, reduced to what grouping needs: a name that survives a redeploy (no line
 * numbers, generated suffixes masked) and whose code it is.
 */
public final class TraceFrame {
  /** Whose code a frame is, as far as grouping is concerned. */
  public enum Kind {
    /** The application's own code: these frames identify a failure. */
    APPLICATION,
    /** A library's or framework's code: used only when no application frame is there. */
    LIBRARY,
    /** Plumbing that changes while the app runs or between runtimes: never part of a fingerprint. */
    IGNORED,
    /**
     * Ignored, and where a task was handed to another thread ({@code CompletableFuture}, executors):
     * the frames below it depend on which thread happened to run the task, so they do not count.
     */
    HANDOFF
  }

  private final String name;
  private final Kind kind;

  private TraceFrame(String name, Kind kind) {
    this.name = name;
    this.kind = kind;
  }

  /** A frame of any language, named as it should be compared, e.g. {@code app/checkout.py:process}. */
  public static TraceFrame of(String name, Kind kind) {
    return new TraceFrame(name, kind);
  }

  /** A JVM frame, classified by the application's frame rules. */
  public static TraceFrame ofClass(String className, String method, StackFrames rules) {
    return rules.frame(className, method);
  }

  public String name() {
    return name;
  }

  public Kind kind() {
    return kind;
  }

  @Override
  public String toString() {
    return name + " (" + kind + ")";
  }
}
