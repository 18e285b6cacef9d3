package dev.jahiz.spring.boot.logging;

/**
 * The last few throwables Jahiz reported for one request, so that a failed request is not reported
 * a second time when the app logged its exception already. Spring MVC keeps a request's record on
 * the servlet request ({@code web.LoggedOnRequest}). A WebFlux request, whose parts run on several
 * threads, attaches its record to each thread while a part of it runs; on any other thread nothing
 * is kept.
 */
public final class LoggedThrowables {
  private static final int KEPT = 4;
  private static final ThreadLocal<LoggedThrowables> RECENT = new ThreadLocal<>();

  private final Throwable[] recent = new Throwable[KEPT];

  private LoggedThrowables() {}

  /** Called by the installed appenders for every event they report that carries a throwable. */
  static void logged(Throwable thrown) {
    LoggedThrowables record = RECENT.get();
    if (thrown != null && record != null) {
      record.add(thrown);
    }
  }

  /** Stops recording and forgets. */
  public static void end() {
    RECENT.remove();
  }

  /** A record for a request that moves between threads: see {@link #attach}. */
  public static LoggedThrowables forRequest() {
    return new LoggedThrowables();
  }

  /** Records on this thread into {@code record} (until {@link #end}), while a part of its request runs here. */
  public static void attach(LoggedThrowables record) {
    RECENT.set(record);
  }

  /** Records a reported throwable. */
  // Synchronised: a WebFlux request may log from two threads at once; both are rare (an error logged, a failed request).
  public synchronized void add(Throwable thrown) {
    System.arraycopy(recent, 0, recent, 1, KEPT - 1);
    recent[0] = thrown;
  }

  /** Whether this throwable, or one that has it as a cause or is its cause, was logged into this record. */
  public synchronized boolean contains(Throwable failure) {
    if (failure == null) {
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
