package dev.jahiz.spring.boot.logging;

/**
 * The throwables Jahiz was handed on this thread since the current request began, so that a
 * failed request is not reported a second time when the app logged its exception already. Holds a
 * few references only, and the request's filter clears them when the request ends.
 */
public final class LoggedThrowables {
  private static final int KEPT = 4;
  private static final ThreadLocal<Throwable[]> RECENT = new ThreadLocal<>();

  private LoggedThrowables() {}

  /** Called by the installed appenders for every event they report that carries a throwable. */
  static void logged(Throwable thrown) {
    Throwable[] recent = RECENT.get();
    if (thrown == null || recent == null) {
      return;
    }
    System.arraycopy(recent, 0, recent, 1, KEPT - 1);
    recent[0] = thrown;
  }

  /** Starts recording for a request on this thread. */
  public static void begin() {
    RECENT.set(new Throwable[KEPT]);
  }

  /** Stops recording and forgets. */
  public static void end() {
    RECENT.remove();
  }

  /** Whether this throwable, or one that has it as a cause or is its cause, was logged on this thread. */
  public static boolean wasLogged(Throwable failure) {
    Throwable[] recent = RECENT.get();
    if (recent == null || failure == null) {
      return false;
    }
    for (Throwable logged : recent) {
      if (logged != null && (related(logged, failure) || related(failure, logged))) {
        return true;
      }
    }
    return false;
  }

  private static boolean related(Throwable outer, Throwable inner) {
    int depth = 0;
    for (Throwable t = outer; t != null && depth < 16; t = t.getCause(), depth++) {
      if (t == inner) {
        return true;
      }
    }
    return false;
  }
}
