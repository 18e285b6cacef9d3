package dev.jahiz.spring.boot.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Spring MVC, once the handler is chosen: the route pattern ({@code /owners/{ownerId}}) and the
 * signed-in user (Spring Security's, or the container's) join the request's MDC entries.
 */
final class RouteAndUserInterceptor implements HandlerInterceptor {
  private final ReportKeys keys;

  RouteAndUserInterceptor(ReportKeys keys) {
    this.keys = keys;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    Object mdc = request.getAttribute(RequestMdc.ATTRIBUTE);
    if (mdc instanceof RequestMdc) {
      RequestMdc entries = (RequestMdc) mdc;
      Object route = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
      if (route != null) {
        entries.put(ReportKeys.ROUTE, route.toString());
      }
      Principal principal = request.getUserPrincipal();
      if (principal != null) {
        keys.putUser(entries, PrincipalUser.of(principal));
      }
    }
    return true;
  }
}
