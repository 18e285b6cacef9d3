package dev.jahiz.spring.boot.web;

import dev.jahiz.spring.boot.logging.LoggedThrowables;
import jakarta.servlet.ServletRequest;

/**
 * Spring MVC: the throwables Jahiz reported while a request was handled, kept on the request itself
 * (a few references, gone with the request), so that a failed request is not reported a second time
 * when the app logged its exception already. Nothing is kept for a thread that handles no request,
 * and nothing is done for a request that logs no error.
 */
final class LoggedOnRequest {
  private static final String ATTRIBUTE = LoggedOnRequest.class.getName();

  private LoggedOnRequest() {}

  /** Called for each event reported while {@code request} is handled on this thread. */
  static void logged(ServletRequest request, Throwable thrown) {
    if (thrown == null) {
      return;
    }
    Object kept = request.getAttribute(ATTRIBUTE);
    LoggedThrowables record = kept instanceof LoggedThrowables ? (LoggedThrowables) kept : LoggedThrowables.forRequest();
    record.add(thrown);
    request.setAttribute(ATTRIBUTE, record);
  }

  /** Whether this throwable, or one that has it as a cause or is its cause, was reported for the request. */
  static boolean wasLogged(ServletRequest request, Throwable failure) {
    Object kept = request.getAttribute(ATTRIBUTE);
    return kept instanceof LoggedThrowables && ((LoggedThrowables) kept).contains(failure);
  }
}
