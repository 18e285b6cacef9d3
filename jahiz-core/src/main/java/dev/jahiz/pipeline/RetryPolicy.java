package dev.jahiz.pipeline;

import java.time.Duration;
import java.util.Random;

/** Exponential backoff with jitter, bounded in attempts and in total time. */
final class RetryPolicy {
  private final int maxAttempts;
  private final long baseNanos;
  private final long capNanos;
  private final long maxElapsedNanos;

  RetryPolicy(int maxAttempts, Duration base, Duration cap, Duration maxElapsed) {
    this.maxAttempts = maxAttempts;
    this.baseNanos = base.toNanos();
    this.capNanos = cap.toNanos();
    this.maxElapsedNanos = maxElapsed.toNanos();
  }

  int maxAttempts() {
    return maxAttempts;
  }

  long maxElapsedNanos() {
    return maxElapsedNanos;
  }

  /** Between half and all of base·2^(attempt-1), capped: jitter keeps retries from many apps apart. */
  long backoffNanos(int attempt, Random random) {
    long ceiling = baseNanos << Math.min(attempt - 1, 20);
    if (ceiling <= 0 || ceiling > capNanos) {
      ceiling = capNanos;
    }
    return ceiling / 2 + (long) (random.nextDouble() * (ceiling / 2));
  }
}
