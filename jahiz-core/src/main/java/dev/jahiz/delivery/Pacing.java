package dev.jahiz.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.List;

/**
 * How fast a destination accepts messages: a set of "at most N per window" limits that all must
 * hold, such as Telegram's one message a second per chat and 20 a minute per group. Immutable; a
 * {@link Pacer} tracks one sender's use of it.
 */
public final class Pacing {
  private static final Pacing UNLIMITED = new Pacing(Collections.emptyList());

  private final List<Limit> limits;

  private Pacing(List<Limit> limits) {
    this.limits = limits;
  }

  public static Pacing unlimited() {
    return UNLIMITED;
  }

  public static Pacing of(int messages, Duration window) {
    if (messages < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("a pacing limit needs at least 1 message in a positive window");
    }
    return new Pacing(List.of(new Limit(messages, window.toNanos())));
  }

  public static Pacing perSecond(int messages) {
    return of(messages, Duration.ofSeconds(1));
  }

  public static Pacing perMinute(int messages) {
    return of(messages, Duration.ofMinutes(1));
  }

  /** Both this and the other limits. */
  public Pacing and(Pacing other) {
    List<Limit> all = new ArrayList<>(limits);
    all.addAll(other.limits);
    return new Pacing(List.copyOf(all));
  }

  public boolean isUnlimited() {
    return limits.isEmpty();
  }

  public Pacer newPacer() {
    return new Pacer(limits);
  }

  @Override
  public String toString() {
    if (limits.isEmpty()) {
      return "unlimited";
    }
    List<String> parts = new ArrayList<>();
    for (Limit l : limits) {
      parts.add(l.messages + "/" + Duration.ofNanos(l.windowNanos));
    }
    return String.join(" and ", parts);
  }

  private static final class Limit {
    final int messages;
    final long windowNanos;

    Limit(int messages, long windowNanos) {
      this.messages = messages;
      this.windowNanos = windowNanos;
    }
  }

  /** One sender's sliding-window record of what it sent. Not thread-safe: one delivery thread owns it. */
  public static final class Pacer {
    private final List<Limit> limits;
    private final List<ArrayDeque<Long>> sent = new ArrayList<>();

    private Pacer(List<Limit> limits) {
      this.limits = limits;
      for (int i = 0; i < limits.size(); i++) {
        sent.add(new ArrayDeque<>());
      }
    }

    /** Nanoseconds to wait before the next message may go at {@code nowNanos}; 0 when it may go now. */
    public long waitNanos(long nowNanos) {
      long wait = 0;
      for (int i = 0; i < limits.size(); i++) {
        Limit limit = limits.get(i);
        ArrayDeque<Long> times = sent.get(i);
        while (!times.isEmpty() && nowNanos - times.peekFirst() >= limit.windowNanos) {
          times.pollFirst();
        }
        if (times.size() >= limit.messages) {
          wait = Math.max(wait, times.peekFirst() + limit.windowNanos - nowNanos);
        }
      }
      return wait;
    }

    public void record(long nowNanos) {
      for (ArrayDeque<Long> times : sent) {
        times.addLast(nowNanos);
      }
    }
  }
}
