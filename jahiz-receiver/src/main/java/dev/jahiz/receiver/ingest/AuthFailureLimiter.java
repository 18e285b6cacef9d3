package dev.jahiz.receiver.ingest;

import dev.jahiz.receiver.http.ApiError;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Slows down guessing: an address with too many failed authentications in a minute is refused
 * (429) for the rest of that minute without its signatures being checked. Fixed one-minute windows
 * per address keep it to one small record per recent offender.
 */
public final class AuthFailureLimiter {
  private static final long WINDOW_MILLIS = Duration.ofMinutes(1).toMillis();
  static final int MAX_TRACKED = 10_000;

  private final int maxFailures;
  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

  public AuthFailureLimiter(int maxFailuresPerMinute) {
    this.maxFailures = maxFailuresPerMinute;
  }

  /** The answer to an address that must wait: 429 with the time left as Retry-After. */
  public static ApiError tooManyFailures(Duration blocked) {
    return ApiError.tooManyRequests("too many failed authentications from this address; try again later", blocked);
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
      makeRoom(nowMillis);
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

  /**
   * Bounds memory whatever the number of addresses: expired windows go first; when a flood of fresh
   * addresses still fills the table, those with the fewest failures (then the oldest) make room, so
   * an address already locked out is the last to be forgotten.
   */
  private synchronized void makeRoom(long nowMillis) {
    windows.values().removeIf(w -> nowMillis - w.start >= WINDOW_MILLIS);
    int excess = windows.size() - MAX_TRACKED * 9 / 10;
    if (excess <= 0) {
      return;
    }
    // A snapshot, as windows change under other threads while this sorts.
    windows.entrySet().stream()
        .map(e -> new Tracked(e.getKey(), e.getValue().failures, e.getValue().start))
        .collect(Collectors.toList()).stream()
        .sorted(Comparator.comparingInt(Tracked::failures).thenComparingLong(Tracked::start))
        .limit(excess)
        .forEach(t -> windows.remove(t.address()));
  }

  private record Tracked(String address, int failures, long start) {}

  /** How many addresses are tracked (for tests of the bound). */
  int tracked() {
    return windows.size();
  }

  private static final class Window {
    long start;
    int failures;

    Window(long start) {
      this.start = start;
    }
  }
}
