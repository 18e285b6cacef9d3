package dev.jahiz.receiver.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: base, 2×base, 4×base … up to max, each randomized to 50–100 %
 * so several receivers recovering from the same outage do not retry in lockstep.
 */
public final class Backoff {
  private final Duration base;
  private final Duration max;

  public Backoff(Duration base, Duration max) {
    this.base = base;
    this.max = max;
  }

  /** The wait before retry number {@code attempt} (1 for the first retry). */
  public Duration delay(int attempt) {
    long ceiling = base.toMillis();
    for (int i = 1; i < attempt && ceiling < max.toMillis(); i++) {
      ceiling *= 2;
    }
    ceiling = Math.min(ceiling, max.toMillis());
    long jittered = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    return Duration.ofMillis(Math.max(1, jittered));
  }
}
