package com.example.orders;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** The app's own request logging context, as many services already have. */
@Component
class RequestMdcFilter extends OncePerRequestFilter {
  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    MDC.put("http.method", request.getMethod());
    MDC.put("http.url", request.getRequestURL().toString());
    String user = request.getHeader("X-User");
    if (user != null) {
      MDC.put("user", user);
    }
    try {
      chain.doFilter(request, response);
    } finally {
      MDC.remove("http.method");
      MDC.remove("http.url");
      MDC.remove("user");
    }
  }
}
