package dev.jahiz.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A stand-in for a throwable that broke while being read: a getMessage() that throws, frames that
 * are null, a cause chain so deep that printing it overflows the stack. It holds only what could
 * be read, each part read once and guarded, so the report still goes out (degraded) instead of
 * being skipped. It prints as the original would: {@code com.acme.Failure: message}.
 */
final class ReadableCopy extends Throwable {
  private static final long serialVersionUID = 1L;
  /** Causes kept; enough for any real chain, few enough to print on any thread's stack. */
  static final int MAX_CAUSES = 64;

  private final String shown;

  private ReadableCopy(String shown, String message, StackTraceElement[] frames, ReadableCopy cause) {
    super(message, cause, false, true);
    this.shown = shown;
    setStackTrace(frames);
  }

  @Override
  public String toString() {
    return shown;
  }

  /** The class name of the original, for the report's error type. */
  static String typeOf(Throwable t) {
    return t.getClass().getName();
  }

  static ReadableCopy of(Throwable original) {
    List<Throwable> chain = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    int hidden = 0;
    for (Throwable t = original; t != null && seen.add(t); t = causeOf(t)) {
      if (chain.size() < MAX_CAUSES) {
        chain.add(t);
      } else {
        hidden++;
      }
    }
    ReadableCopy copy = null;
    if (hidden > 0) {
      String note = "(" + hidden + " more causes not shown)";
      copy = new ReadableCopy(note, note, new StackTraceElement[0], null);
    }
    for (int i = chain.size() - 1; i >= 0; i--) {
      Throwable t = chain.get(i);
      String message = messageOf(t);
      copy = new ReadableCopy(message == null ? typeOf(t) : typeOf(t) + ": " + message, message, framesOf(t), copy);
    }
    return copy;
  }

  private static Throwable causeOf(Throwable t) {
    try {
      return t.getCause();
    } catch (Throwable unreadable) {
      return null;
    }
  }

  private static String messageOf(Throwable t) {
    try {
      return t.getMessage();
    } catch (Throwable unreadable) {
      return "(message unavailable: " + unreadable.getClass().getName() + ")";
    }
  }

  private static StackTraceElement[] framesOf(Throwable t) {
    try {
      StackTraceElement[] frames = t.getStackTrace();
      List<StackTraceElement> readable = new ArrayList<>();
      for (StackTraceElement f : frames == null ? new StackTraceElement[0] : frames) {
        if (f != null) {
          readable.add(f);
        }
      }
      return readable.toArray(new StackTraceElement[0]);
    } catch (Throwable unreadable) {
      return new StackTraceElement[0];
    }
  }
}
