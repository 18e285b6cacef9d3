package dev.jahiz.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The grouping stage's memory: per fingerprint, when its window opened and what repeated since.
 * The first report of a fingerprint goes out at once; repeats within the window are only counted,
 * and when the window closes one follow-up says how many there were. A storm of identical errors
 * so becomes one message per window. Used by the preparer thread only.
 */
final class Grouping {
  /** Bounds the memory of fingerprints; the oldest window is closed early past this. */
  static final int MAX_GROUPS = 512;

  private final long windowNanos;
  private final Map<String, Group> groups = new LinkedHashMap<>();

  Grouping(long windowNanos) {
    this.windowNanos = windowNanos;
  }

  /** A window's repeats, to be sent as one follow-up. */
  static final class Repeats {
    final Pending last;
    final int count;
    final Instant firstSeen;

    Repeats(Pending last, int count, Instant firstSeen) {
      this.last = last;
      this.count = count;
      this.firstSeen = firstSeen;
    }
  }

  private static final class Group {
    long windowStart;
    Pending last;
    int repeats;
    Instant firstRepeat;
  }

  /**
   * Whether this report repeats one sent within the window; if so it becomes the group's latest
   * occurrence. Budgets of reports no longer needed go to {@code done}; a window that closed
   * with repeats before this report came goes to {@code closed}.
   */
  boolean absorb(String fingerprint, Pending p, Instant at, long now, List<Pending> done, List<Repeats> closed) {
    Group g = groups.get(fingerprint);
    if (g == null) {
      g = new Group();
      g.windowStart = now;
      groups.put(fingerprint, g);
      return false;
    }
    if (now - g.windowStart >= windowNanos) {
      if (g.repeats == 0) {
        g.windowStart = now;
        return false;
      }
      closed.add(close(g, now));
    }
    if (g.last != null) {
      done.add(g.last);
    }
    g.last = p;
    if (g.repeats++ == 0) {
      g.firstRepeat = at;
    }
    return true;
  }

  /** Closes every window older than the grouping window (or all, when flushing) and returns the repeats. */
  List<Repeats> closeWindows(long now, boolean all) {
    List<Repeats> out = new ArrayList<>();
    int excess = groups.size() - MAX_GROUPS;
    Iterator<Group> it = groups.values().iterator();
    while (it.hasNext()) {
      Group g = it.next();
      boolean expired = now - g.windowStart >= windowNanos;
      boolean evict = excess > 0;
      if (g.repeats > 0 && (expired || all || evict)) {
        out.add(close(g, now));
        if (evict) {
          it.remove();
          excess--;
        }
      } else if (expired || evict) {
        it.remove();
        if (evict) {
          excess--;
        }
      }
    }
    return out;
  }

  /** Repeats keep coming in a storm: the follow-up for one window opens the next. */
  private static Repeats close(Group g, long now) {
    Repeats r = new Repeats(g.last, g.repeats, g.firstRepeat);
    g.last = null;
    g.repeats = 0;
    g.windowStart = now;
    return r;
  }

  /** Nanoseconds until the next window closes with repeats to report, or -1 if none. */
  long nanosToNextClose(long now) {
    long next = -1;
    for (Group g : groups.values()) {
      if (g.repeats > 0) {
        long left = Math.max(0, g.windowStart + windowNanos - now);
        next = next < 0 ? left : Math.min(next, left);
      }
    }
    return next;
  }

  boolean hasRepeats() {
    for (Group g : groups.values()) {
      if (g.repeats > 0) {
        return true;
      }
    }
    return false;
  }
}
