package dev.jahiz.pipeline;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The buffer stage: a lock-free queue from logging threads to the preparer, bounded by count and by
 * bytes. A report's budget is held until the pipeline is done with it (delivered, grouped or given
 * up), so the bound covers everything Jahiz keeps in memory, not just this queue.
 */
final class ReportBuffer {
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger count = new AtomicInteger();
  /** Reports waiting for the preparer, a subset of {@link #count}: what decides when to wake it. */
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicLong bytes = new AtomicLong();
  private final int maxCount;
  private final long maxBytes;

  ReportBuffer(int maxCount, long maxBytes) {
    this.maxCount = maxCount;
    this.maxBytes = maxBytes;
  }

  /**
   * Reserves budget and enqueues; returns how many reports now wait for the preparer, or 0 when either
   * bound would be exceeded. Never blocks.
   */
  int offer(Pending p) {
    if (count.incrementAndGet() > maxCount) {
      count.decrementAndGet();
      return 0;
    }
    long total = bytes.addAndGet(p.weight);
    // One report larger than the whole budget still goes through when nothing else is held.
    if (total > maxBytes && total != p.weight) {
      bytes.addAndGet(-p.weight);
      count.decrementAndGet();
      return 0;
    }
    // Counted before it is visible: the preparer may take it (and count it off) before the next line.
    int waiting = queued.incrementAndGet();
    queue.offer(p);
    return waiting;
  }

  Pending poll() {
    Pending p = queue.poll();
    if (p != null) {
      queued.decrementAndGet();
    }
    return p;
  }

  /**
   * Takes back a report its caller offered, if no stage has taken it yet, and gives back its
   * budget: for a report that raced {@code close()}. True when it was still queued.
   */
  boolean withdraw(Pending p) {
    if (!queue.remove(p)) {
      return false;
    }
    queued.decrementAndGet();
    release(p.weight);
    return true;
  }

  /** Empties the queue once no stage takes from it any more; returns how many reports it held. */
  int drain() {
    int n = 0;
    for (Pending p = poll(); p != null; p = poll()) {
      release(p.weight);
      n++;
    }
    return n;
  }

  boolean isQueueEmpty() {
    return queue.isEmpty();
  }

  /**
   * Corrects a report's budget once its real size is known. It may take the total over the bound for
   * a moment; new reports are refused until it is back under.
   */
  void reweigh(long from, long to) {
    bytes.addAndGet(to - from);
  }

  /**
   * Counts a report that enters the pipeline past the queue, such as one a previous run left in the
   * spool; it holds budget like any other until {@link #release}d, and may go over the bounds.
   */
  void hold(long weight) {
    count.incrementAndGet();
    bytes.addAndGet(weight);
  }

  /** Gives back the budget of a report the pipeline is done with. */
  void release(long weight) {
    bytes.addAndGet(-weight);
    count.decrementAndGet();
  }

  /** Reports accepted and not yet done with, wherever they are in the pipeline. */
  int inFlight() {
    return count.get();
  }

  long inFlightBytes() {
    return bytes.get();
  }

  int maxCount() {
    return maxCount;
  }

  long maxBytes() {
    return maxBytes;
  }
}
