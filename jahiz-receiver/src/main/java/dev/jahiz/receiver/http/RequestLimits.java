package dev.jahiz.receiver.http;

import io.javalin.config.JavalinConfig;
import java.time.Duration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ThreadLimitHandler;

/**
 * What keeps slow or greedy clients from taking every server thread. Reading a body blocks a thread,
 * so a few hundred connections sending a byte a second once stopped every answer, the probes
 * included. Now: one client address has at most {@code perAddress} requests in progress (the rest
 * wait their turn without holding a thread), a request body must arrive within the body timeout (the
 * write endpoints answer 408 after it; Jetty's idle timeout ends a body that stops altogether), and
 * {@code /health/*} and {@code /metrics} are exempt from the per-address limit so probes always get
 * a thread.
 */
public final class RequestLimits {
  private final int perAddress;
  private final Duration bodyTimeout;
  private final ClientAddress clients;

  public RequestLimits(int perAddress, Duration bodyTimeout, ClientAddress clients) {
    this.perAddress = perAddress;
    this.bodyTimeout = bodyTimeout;
    this.clients = clients;
  }

  public void apply(JavalinConfig c) {
    c.jetty.modifyHttpConfiguration(http -> http.setIdleTimeout(bodyTimeout.toMillis()));
    c.jetty.modifyServletContextHandler(context -> {
      ThreadLimitHandler perClient = new ThreadLimitHandler() {
        @Override
        protected String getRemoteIP(Request request) {
          return clients.of(Request.getRemoteAddr(request), request.getHeaders().get(ClientAddress.FORWARDED_FOR));
        }
      };
      perClient.setThreadLimit(perAddress);
      perClient.excludePath("/health", "/health/*", "/metrics");
      context.insertHandler(perClient);
    });
    c.contextResolver.ip = ctx -> clients.of(ctx.req().getRemoteAddr(), ctx.header(ClientAddress.FORWARDED_FOR));
  }

  public Duration bodyTimeout() {
    return bodyTimeout;
  }
}
