package dev.jahiz.spring.boot.actuate;

import dev.jahiz.client.Counters;
import dev.jahiz.spring.boot.logging.Installation;
import dev.jahiz.spring.boot.logging.JahizInstaller;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToLongFunction;

/**
 * {@code jahiz.reports} (a counter per {@code outcome}: accepted, sent, grouped, dropped, failed,
 * filtered) and {@code jahiz.queue.depth}, read from the running client when scraped. Zero while
 * Jahiz is off.
 */
final class JahizMeters implements MeterBinder {
  @Override
  public void bindTo(MeterRegistry registry) {
    outcome(registry, "accepted", "Reports taken into Jahiz's queue", Counters::accepted);
    outcome(registry, "sent", "Messages the destination confirmed", Counters::sent);
    outcome(registry, "grouped", "Reports folded into an earlier one with the same fingerprint", Counters::grouped);
    outcome(registry, "dropped", "Reports turned away: queue full or client closed", Counters::dropped);
    outcome(registry, "failed", "Messages given up on: rejected, or out of retries", Counters::failed);
    outcome(registry, "filtered", "Reports an ignore rule kept from being sent", Counters::filtered);
    Gauge.builder("jahiz.queue.depth", JahizMeters::queueDepth)
        .description("Reports waiting in Jahiz's queue").register(registry);
  }

  private static void outcome(MeterRegistry registry, String outcome, String description, ToLongFunction<Counters> count) {
    FunctionCounter.builder("jahiz.reports", count, c -> read(c))
        .tag("outcome", outcome).description(description).register(registry);
  }

  private static double read(ToLongFunction<Counters> count) {
    Counters counters = JahizInstaller.current().map(Installation::counters).orElse(null);
    return counters == null ? 0 : count.applyAsLong(counters);
  }

  private static double queueDepth() {
    Counters counters = JahizInstaller.current().map(Installation::counters).orElse(null);
    return counters == null ? 0 : counters.queueDepth();
  }
}
