package dev.jahiz.agent;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Exceptions the app logged at a reported level, so that the same exception, when it then ends a
 * thread, is not reported a second time as uncaught. Held weakly (by identity: Throwable keeps
 * Object's equals), and never more than {@link #LIMIT}: an app that keeps logged exceptions alive
 * costs at most a forgotten one, reported twice.
 */
public final class LoggedThrowables {
  static final int LIMIT = 1_000;
  private static final Map<Throwable, Boolean> LOGGED = Collections.synchronizedMap(new WeakHashMap<>());

  private LoggedThrowables() {}

  /** Called on the logging thread for each reported event that carries an exception. */
  public static void logged(Throwable t) {
    if (t == null) {
      return;
    }
    if (LOGGED.size() >= LIMIT) {
      LOGGED.clear();
    }
    LOGGED.put(t, Boolean.TRUE);
  }

  /** Whether {@code t}, or one of its causes (an exception wrapped and rethrown), was logged. */
  static boolean wasLogged(Throwable t) {
    int depth = 0;
    for (Throwable c = t; c != null && depth < 16; c = c.getCause(), depth++) {
      if (LOGGED.containsKey(c)) {
        return true;
      }
    }
    return false;
  }
}
