package dev.jahiz.receiver.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code perMinute} acquisitions per name in fixed one-minute windows. Memory stays bounded:
 * past {@code maxTracked} names, expired windows are dropped, and a name that still finds no room is
 * let through rather than refused, so a flood of new addresses cannot lock out everyone; callers
 * pair it with a limit whose names are few (a key) to cap the total.
 */
final class RateLimiter {
  private static final long WINDOW_MILLIS = Duration.ofMinutes(1).toMillis();

  private final int perMinute;
  private final int maxTracked;
  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

  RateLimiter(int perMinute, int maxTracked) {
    this.perMinute = perMinute;
    this.maxTracked = maxTracked;
  }

  /** Counts one use by {@code name}; null when allowed, else how long until the window resets. */
  Duration acquire(String name, Instant now) {
    long nowMillis = now.toEpochMilli();
    Window w = windows.get(name);
    if (w == null) {
      if (windows.size() >= maxTracked) {
        windows.values().removeIf(old -> old.expired(nowMillis));
        if (windows.size() >= maxTracked) {
          return null;
        }
      }
      w = windows.computeIfAbsent(name, n -> new Window(nowMillis));
    }
    synchronized (w) {
      if (w.expired(nowMillis)) {
        w.start = nowMillis;
        w.used = 0;
      }
      if (w.used >= perMinute) {
        return Duration.ofMillis(Math.max(1, w.start + WINDOW_MILLIS - nowMillis));
      }
      w.used++;
      return null;
    }
  }

  private static final class Window {
    long start;
    int used;

    Window(long start) {
      this.start = start;
    }

    boolean expired(long nowMillis) {
      return nowMillis - start >= WINDOW_MILLIS;
    }
  }
}
