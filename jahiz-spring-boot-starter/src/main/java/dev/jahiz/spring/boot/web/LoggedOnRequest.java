package dev.jahiz.spring.boot.web;

import jakarta.servlet.ServletRequest;

/**
 * Spring MVC: the throwables Jahiz reported while a request was handled, kept on the request itself
 * (a few references, gone with the request), so that a failed request is not reported a second time
 * when the app logged its exception already. Nothing is kept for a thread that handles no request,
 * and nothing is done for a request that logs no error. (WebFlux, whose requests move between
 * threads, keeps its record in {@code logging.LoggedThrowables}.)
 */
final class LoggedOnRequest {
  private static final String ATTRIBUTE = LoggedOnRequest.class.getName();
  private static final int KEPT = 4;

  private LoggedOnRequest() {}

  /** Called for each event reported while {@code request} is handled on this thread. */
  static void logged(ServletRequest request, Throwable thrown) {
    if (thrown == null) {
      return;
    }
    Object kept = request.getAttribute(ATTRIBUTE);
    Throwable[] recent = kept instanceof Throwable[] ? (Throwable[]) kept : new Throwable[KEPT];
    System.arraycopy(recent, 0, recent, 1, KEPT - 1);
    recent[0] = thrown;
    request.setAttribute(ATTRIBUTE, recent);
  }

  /** Whether this throwable, or one that has it as a cause or is its cause, was reported for the request. */
  static boolean wasLogged(ServletRequest request, Throwable failure) {
    Object kept = request.getAttribute(ATTRIBUTE);
    if (!(kept instanceof Throwable[]) || failure == null) {
      return false;
    }
    for (Throwable logged : (Throwable[]) kept) {
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
