package com.example.orders;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The app's own logging context, as many services have: the caller's user, from a header its
 * gateway sets. (The request itself is in every report through the Jahiz starter.)
 */
@Component
class RequestMdcFilter extends OncePerRequestFilter {
  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String user = request.getHeader("X-User");
    if (user != null) {
      MDC.put("user", user);
    }
    try {
      chain.doFilter(request, response);
    } finally {
      MDC.remove("user");
    }
  }
}
