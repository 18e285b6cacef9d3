package dev.jahiz.spring.boot.web;

import dev.jahiz.spring.boot.logging.LoggedThrowables;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.commons.logging.LogFactory;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Spring MVC: puts the request (method, URL with secret query values masked, client IP as the
 * request resolves it, allow-listed headers) into the MDC while it is handled, and reports a
 * request that ended in a 5xx through an exception an exception handler resolved without anyone
 * logging it. Runs right after Spring's forwarded-header handling, so the client IP and URL are
 * those the app trusts. The route and the user are added by {@link RouteAndUserInterceptor} once
 * they are known.
 */
final class ServletRequestContextFilter extends OncePerRequestFilter implements Ordered {
  /** After ForwardedHeaderFilter (HIGHEST_PRECEDENCE), before Spring Security's chain (-100). */
  static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;
  private final ReportKeys keys;

  ServletRequestContextFilter(ReportKeys keys) {
    this.keys = keys;
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try (RequestMdc mdc = new RequestMdc()) {
      keys.putRequest(mdc, request.getMethod(), request.getRequestURL().toString(), request.getQueryString(),
          request.getRemoteAddr(), request::getHeader);
      request.setAttribute(RequestMdc.ATTRIBUTE, mdc);
      LoggedThrowables.begin();
      try {
        chain.doFilter(request, response);
        if (keys.reportUnloggedFailures) {
          reportIfUnlogged(request, response, mdc);
        }
      } finally {
        LoggedThrowables.end();
      }
    }
  }

  /**
   * An exception that propagates out of the chain is logged by the servlet container; one that an
   * {@code @ExceptionHandler} (or Spring's own resolvers) turned into a 5xx answer is left here by
   * the DispatcherServlet, and logged now unless the app logged it already.
   */
  private void reportIfUnlogged(HttpServletRequest request, HttpServletResponse response, RequestMdc mdc) {
    Object resolved = request.getAttribute(DispatcherServlet.EXCEPTION_ATTRIBUTE);
    int status = response.getStatus();
    if (!(resolved instanceof Throwable) || status < 500 || LoggedThrowables.wasLogged((Throwable) resolved)) {
      return;
    }
    mdc.put(keys.responseStatus, Integer.toString(status));
    Object handler = request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE);
    Class<?> logger = handler instanceof HandlerMethod ? ((HandlerMethod) handler).getBeanType() : DispatcherServlet.class;
    LogFactory.getLog(logger).error("Request failed with " + status + " (resolved by an exception handler, not logged): "
        + request.getMethod() + " " + request.getRequestURI(), (Throwable) resolved);
  }
}
