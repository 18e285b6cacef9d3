package dev.jahiz.receiver.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down guessing: an address with too many failed authentications in a minute is refused
 * (429) for the rest of that minute without its signatures being checked. Fixed one-minute windows
 * per address keep it to one small record per recent offender.
 */
public final class AuthFailureLimiter {
  private static final long WINDOW_MILLIS = Duration.ofMinutes(1).toMillis();
  private static final int MAX_TRACKED = 10_000;

  private final int maxFailures;
  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

  public AuthFailureLimiter(int maxFailuresPerMinute) {
    this.maxFailures = maxFailuresPerMinute;
  }

  /** How long the address must wait, or null when it may try. */
  public Duration blockedFor(String address, Instant now) {
    Window w = windows.get(address);
    if (w == null) {
      return null;
    }
    synchronized (w) {
      long nowMillis = now.toEpochMilli();
      if (nowMillis - w.start >= WINDOW_MILLIS || w.failures < maxFailures) {
        return null;
      }
      return Duration.ofMillis(w.start + WINDOW_MILLIS - nowMillis);
    }
  }

  public void recordFailure(String address, Instant now) {
    long nowMillis = now.toEpochMilli();
    if (windows.size() >= MAX_TRACKED) {
      windows.values().removeIf(w -> nowMillis - w.start >= WINDOW_MILLIS);
    }
    Window w = windows.computeIfAbsent(address, a -> new Window(nowMillis));
    synchronized (w) {
      if (nowMillis - w.start >= WINDOW_MILLIS) {
        w.start = nowMillis;
        w.failures = 0;
      }
      w.failures++;
    }
  }

  private static final class Window {
    long start;
    int failures;

    Window(long start) {
      this.start = start;
    }
  }
}
