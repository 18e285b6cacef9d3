package org.springframework.samples.petclinic.capture;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Names the fixture a request produces (?scenario=...). Deliberately leaves the MDC set: Tomcat logs
 * the failure after the filter chain has unwound.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ScenarioFilter extends OncePerRequestFilter {
  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String scenario = request.getParameter("scenario");
    if (scenario != null) {
      MDC.put("scenario", scenario);
    }
    chain.doFilter(request, response);
  }
}
