package dev.jahiz.receiver.metrics;

import io.javalin.config.RoutesConfig;

/** Prometheus text exposition at {@code /metrics}. */
public final class MetricsRoutes {
  private final ReceiverMetrics metrics;

  public MetricsRoutes(ReceiverMetrics metrics) {
    this.metrics = metrics;
  }

  public void register(RoutesConfig routes) {
    routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
  }
}
