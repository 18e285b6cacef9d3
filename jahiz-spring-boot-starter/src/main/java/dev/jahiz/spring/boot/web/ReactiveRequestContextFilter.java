package dev.jahiz.spring.boot.web;

import java.net.InetSocketAddress;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * WebFlux: the request (method, URL with secret query values masked, client IP as the exchange
 * resolves it, allow-listed headers) in the Reactor context of its handling, from where
 * {@link RequestMdcAccessor} puts it in the MDC of whichever thread runs a part of it. The route
 * joins when a handler is chosen ({@link RouteRecordingExchange}), the user after Spring Security
 * ({@link ReactiveUserFilter}).
 */
final class ReactiveRequestContextFilter implements WebFilter, Ordered {
  private final ReportKeys keys;

  ReactiveRequestContextFilter(ReportKeys keys) {
    this.keys = keys;
    RequestMdcAccessor.register();
  }

  @Override
  public int getOrder() {
    return ServletRequestContextFilter.ORDER;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    ExchangeMdc mdc = new ExchangeMdc();
    String url = request.getURI().getScheme() + "://" + request.getURI().getRawAuthority() + request.getURI().getRawPath();
    InetSocketAddress remote = request.getRemoteAddress();
    keys.putRequest(mdc, request.getMethod().name(), url, request.getURI().getRawQuery(),
        remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress(),
        name -> request.getHeaders().getFirst(name));
    exchange.getAttributes().put(ExchangeMdc.ATTRIBUTE, mdc);
    return chain.filter(new RouteRecordingExchange(exchange, mdc))
        .contextWrite(Context.of(RequestMdcAccessor.KEY, mdc));
  }
}
