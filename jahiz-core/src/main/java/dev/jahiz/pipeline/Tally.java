package dev.jahiz.pipeline;

import dev.jahiz.StatusListener;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link Counters}, and the thinning of the warnings they cause. */
final class Tally {
  /** After the first drop, a warning every this many drops, never one per drop. */
  static final long WARN_EVERY = 1_000;

  final LongAdder accepted = new LongAdder();
  final AtomicLong dropped = new AtomicLong();
  final AtomicLong droppedSinceLastMessage = new AtomicLong();
  final AtomicLong grouped = new AtomicLong();
  final AtomicLong sent = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  final AtomicLong replayed = new AtomicLong();
  final AtomicLong filtered = new AtomicLong();

  void dropped(StatusListener status, String why) {
    long n = dropped.incrementAndGet();
    droppedSinceLastMessage.incrementAndGet();
    if (n == 1 || n % WARN_EVERY == 0) {
      status.onStatus(StatusListener.Level.WARN, "dropped " + n + " report" + (n == 1 ? "" : "s")
          + " so far: " + why + " (next warning after " + (n == 1 ? WARN_EVERY : n + WARN_EVERY)
          + " drops; the next message says how many)", null);
    }
  }

  static boolean thinned(long n) {
    return n == 1 || n % 100 == 0;
  }
}
