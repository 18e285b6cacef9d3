package dev.jahiz.spring.boot.web;

import dev.jahiz.spring.boot.logging.LoggedThrowables;

/**
 * WebFlux: what it takes to tell whether a request that ended in a 5xx was answered by an exception
 * handler without anyone logging its exception: the exception the handler was given (recorded by
 * {@link ExceptionHandlerWatch}), and the throwables the app logged while the request was handled,
 * on whichever threads (attached to each by {@link RequestMdcAccessor}).
 */
final class ResolvedFailure {
  private final LoggedThrowables logged = LoggedThrowables.forRequest();
  private volatile Throwable resolved;

  void resolvedBy(Throwable exception) {
    resolved = exception;
  }

  LoggedThrowables logged() {
    return logged;
  }

  /** The exception an exception handler resolved, unless it (or its cause) was logged; else null. */
  Throwable unlogged() {
    Throwable exception = resolved;
    return exception == null || logged.contains(exception) ? null : exception;
  }
}
