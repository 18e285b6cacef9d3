package dev.jahiz.spring.boot.web;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * WebFlux, after Spring Security's filter chain has authenticated the request: the signed-in user
 * joins the request's entries (name; id and email where the principal exposes them). An anonymous
 * token is no user, as for Spring MVC.
 */
final class ReactiveUserFilter implements WebFilter, Ordered {
  /** Right after Spring Security's {@code WebFilterChainProxy} (-100), which runs the rest of the chain within it. */
  static final int ORDER = -99;
  private static final String ANONYMOUS = "org.springframework.security.authentication.AnonymousAuthenticationToken";
  private final ReportKeys keys;

  ReactiveUserFilter(ReportKeys keys) {
    this.keys = keys;
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    Object mdc = exchange.getAttribute(ExchangeMdc.ATTRIBUTE);
    if (!(mdc instanceof ExchangeMdc)) {
      return chain.filter(exchange);
    }
    return exchange.getPrincipal()
        .filter(principal -> !ANONYMOUS.equals(principal.getClass().getName()))
        .doOnNext(principal -> keys.putUser((ExchangeMdc) mdc, PrincipalUser.of(principal)))
        .onErrorComplete() // the user is for the report: the request goes on without it
        .then(Mono.defer(() -> chain.filter(exchange)));
  }
}
