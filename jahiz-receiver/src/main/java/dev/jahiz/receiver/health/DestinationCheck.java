package dev.jahiz.receiver.health;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Whether the destination is reachable ({@code getMe} for Telegram), remembered for a while so that a
 * monitoring system polling {@code /health} does not turn into a stream of Bot API calls.
 */
public final class DestinationCheck {
  private final String mode;
  private final Supplier<Status> probe;
  private final long ttlNanos;
  private Status cached;
  private long checkedAt;

  public DestinationCheck(String mode, Supplier<Status> probe, Duration ttl) {
    this.mode = mode;
    this.probe = probe;
    this.ttlNanos = ttl.toNanos();
  }

  public String mode() {
    return mode;
  }

  public synchronized Status status() {
    long now = System.nanoTime();
    if (cached == null || now - checkedAt >= ttlNanos) {
      cached = probe.get();
      checkedAt = now;
    }
    return cached;
  }

  /** Reachable or not, with the bot's name or why not; never the token. */
  public record Status(boolean ok, String detail) {}
}
