package dev.jahiz.spring.boot.web;

import dev.jahiz.logging.CallerContext;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.function.BiConsumer;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Spring MVC: the request the logging thread is handling, read only when Jahiz reports an event, so
 * that a request that logs no error pays nothing. Spring keeps that request on the thread anyway
 * ({@link RequestContextHolder}: set by Boot's request-context filter, after the forwarded-header
 * handling the app trusts, and by the DispatcherServlet): its method, URL with secret query values
 * masked, client IP, allow-listed headers, the route pattern once a handler is chosen, and the
 * signed-in user (Spring Security's, through its request wrapper, or the container's).
 *
 * <p>Also notes each reported throwable on the request, so that a failure the app logged is not
 * reported again as unlogged ({@link UnloggedFailureReporter}).
 */
final class ServletRequestContext implements CallerContext {
  private final ReportKeys keys;

  ServletRequestContext(ReportKeys keys) {
    this.keys = keys;
  }

  @Override
  public void addEntries(Throwable thrown, BiConsumer<String, String> entries) {
    RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
    if (!(attributes instanceof ServletRequestAttributes)) {
      return;
    }
    HttpServletRequest request = ((ServletRequestAttributes) attributes).getRequest();
    LoggedOnRequest.logged(request, thrown);
    MdcEntries mdc = entries::accept;
    keys.putRequest(mdc, request.getMethod(), request.getRequestURL().toString(), request.getQueryString(),
        request.getRemoteAddr(), request::getHeader);
    Object route = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    if (route != null) {
      mdc.put(ReportKeys.ROUTE, route.toString());
    }
    Principal principal = request.getUserPrincipal();
    if (principal != null) {
      keys.putUser(mdc, PrincipalUser.of(principal));
    }
  }
}
