package dev.jahiz.spring.boot.web;

import dev.jahiz.spring.boot.logging.Installation;
import dev.jahiz.spring.boot.logging.JahizInstaller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.LogFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Spring MVC: reports a request that ended in a 5xx through an exception an exception handler
 * resolved without anyone logging it. Asked first by the DispatcherServlet when a handler throws
 * (so only then), it resolves nothing: it asks to be called back when the request completes
 * (a request-scope destruction callback, run on the request thread once the response is written),
 * and then logs the exception unless the app logged it, or its cause, already. An exception that
 * propagates out of the DispatcherServlet is the servlet container's to log, and is left to it.
 * {@code jahiz.request.report-unlogged-failures=false} turns this off.
 */
final class UnloggedFailureReporter implements HandlerExceptionResolver, Ordered {
  private static final String CALLBACK = UnloggedFailureReporter.class.getName();
  private final ReportKeys keys;

  UnloggedFailureReporter(ReportKeys keys) {
    this.keys = keys;
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  @Override
  public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
      Exception ex) {
    if (!keys.reportUnloggedFailures || !seesWhatTheAppLogs()) {
      return null;
    }
    try {
      RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
      if (attributes != null) {
        attributes.registerDestructionCallback(CALLBACK,
            () -> reportIfUnlogged(attributes, request, response, handler), RequestAttributes.SCOPE_REQUEST);
      }
    } catch (RuntimeException notActive) {
      // Not a request Spring completes: nothing to report at its end, and nothing to disturb now.
    }
    return null;
  }

  /**
   * Behind Log4j2's async loggers Jahiz's appender runs on Log4j's thread and cannot tell that the
   * app logged the exception on the request's: a report then might be the second of one failure.
   */
  private static boolean seesWhatTheAppLogs() {
    return JahizInstaller.current().map(Installation::reportsOnLoggingThread).orElse(true);
  }

  /** Runs as the request completes; must never throw into Spring's completion of the request. */
  private void reportIfUnlogged(RequestAttributes attributes, HttpServletRequest request,
      HttpServletResponse response, Object handler) {
    try {
      Object resolved = request.getAttribute(DispatcherServlet.EXCEPTION_ATTRIBUTE);
      int status = response.getStatus();
      if (!(resolved instanceof Throwable) || status < 500 || LoggedOnRequest.wasLogged(request, (Throwable) resolved)) {
        return;
      }
      report(attributes, request, status, handler, (Throwable) resolved);
    } catch (RuntimeException | LinkageError e) {
      // The report is lost; the request's completion is not.
    }
  }

  /**
   * Logged with the DispatcherServlet's request back on the thread (Spring has taken it off by now),
   * so that the report carries the request, its route and the signed-in user as any other does,
   * and with the response status in the MDC for this one event.
   */
  private void report(RequestAttributes attributes, HttpServletRequest request, int status, Object handler,
      Throwable resolved) {
    RequestAttributes outer = RequestContextHolder.getRequestAttributes();
    String key = keys.responseStatus;
    boolean statusAdded = key != null && !key.isBlank() && MDC.get(key) == null;
    RequestContextHolder.setRequestAttributes(attributes);
    if (statusAdded) {
      MDC.put(key, Integer.toString(status));
    }
    try {
      Class<?> logger = handler instanceof HandlerMethod ? ((HandlerMethod) handler).getBeanType() : DispatcherServlet.class;
      LogFactory.getLog(logger).error("Request failed with " + status + " (resolved by an exception handler, not logged): "
          + request.getMethod() + " " + request.getRequestURI(), resolved);
    } finally {
      if (statusAdded) {
        MDC.remove(key);
      }
      RequestContextHolder.setRequestAttributes(outer);
    }
  }
}
