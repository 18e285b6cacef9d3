package dev.jahiz.spring.boot.web;

import java.net.InetSocketAddress;
import org.apache.commons.logging.LogFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.DispatcherHandler;
import org.springframework.web.reactive.HandlerMapping;
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
 * ({@link ReactiveUserFilter}). Also reports a request that ended in a 5xx through an exception an
 * exception handler resolved without anyone logging it ({@link ExceptionHandlerWatch}).
 */
final class ReactiveRequestContextFilter implements WebFilter, Ordered {
  private final ReportKeys keys;

  ReactiveRequestContextFilter(ReportKeys keys) {
    this.keys = keys;
    RequestMdcAccessor.register();
  }

  @Override
  public int getOrder() {
    // After a forwarded-header filter (HIGHEST_PRECEDENCE), before Spring Security's chain (-100).
    return Ordered.HIGHEST_PRECEDENCE + 10;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    ExchangeMdc mdc = new ExchangeMdc(keys.reportUnloggedFailures);
    String url = request.getURI().getScheme() + "://" + request.getURI().getRawAuthority() + request.getURI().getRawPath();
    InetSocketAddress remote = request.getRemoteAddress();
    keys.putRequest(mdc, request.getMethod().name(), url, request.getURI().getRawQuery(),
        remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress(),
        name -> request.getHeaders().getFirst(name));
    exchange.getAttributes().put(ExchangeMdc.ATTRIBUTE, mdc);
    return chain.filter(new RouteRecordingExchange(exchange, mdc))
        .doOnSuccess(done -> reportIfUnlogged(exchange, mdc))
        .contextWrite(Context.of(RequestMdcAccessor.KEY, mdc));
  }

  /**
   * Once the answer is written: an exception an exception handler turned into a 5xx is logged now,
   * with the request's entries, unless the app logged it already. (One that propagates out of the
   * chain is logged by Spring Boot's error handler.)
   */
  private void reportIfUnlogged(ServerWebExchange exchange, ExchangeMdc mdc) {
    ResolvedFailure failure = mdc.failure();
    HttpStatusCode status = exchange.getResponse().getStatusCode();
    Throwable resolved = failure == null ? null : failure.unlogged();
    if (resolved == null || status == null || !status.is5xxServerError()) {
      return;
    }
    mdc.put(keys.responseStatus, Integer.toString(status.value()));
    Object handler = exchange.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE);
    Class<?> logger = handler instanceof HandlerMethod ? ((HandlerMethod) handler).getBeanType() : DispatcherHandler.class;
    ServerHttpRequest request = exchange.getRequest();
    RequestMdcAccessor.runWith(mdc, () -> LogFactory.getLog(logger).error("Request failed with " + status.value()
        + " (resolved by an exception handler, not logged): " + request.getMethod().name() + " "
        + request.getURI().getRawPath(), resolved));
  }
}
