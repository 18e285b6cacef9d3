package dev.jahiz.pipeline;

import dev.jahiz.StatusListener;
import dev.jahiz.delivery.DeliveryOutcome;
import dev.jahiz.delivery.Pacing;
import dev.jahiz.delivery.Transport;
import dev.jahiz.spool.Spool;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The send stage, on its own daemon thread: paces messages to the destination's limits, waits out
 * {@code retry_after}, retries transient failures with exponential backoff and full jitter, bounded
 * in attempts and in time, and gives up loudly (once, through the status listener) on rejections.
 * Where no pacing limit applies it may run on {@link #threads} threads at once, as many as the
 * transport takes; with a limit, on one, which then owns the pacer.
 */
final class Sender implements Runnable {
  private final BlockingQueue<Outgoing> outbox;
  private final ReportBuffer buffer;
  private final Transport transport;
  private final Pacing.Pacer pacer;
  private final RetryPolicy retry;
  private final Tally tally;
  private final StatusListener status;
  private final Spool spool;
  /** How many threads should run this sender. */
  final int threads;
  private final AtomicLong rejections = new AtomicLong();
  private final AtomicLong givenUp = new AtomicLong();
  private final AtomicLong abandoned = new AtomicLong();

  volatile boolean stopped;
  /** System.nanoTime() after which waits are cut short, because the client is closing. */
  volatile long abandonAfter = Long.MAX_VALUE;

  Sender(BlockingQueue<Outgoing> outbox, ReportBuffer buffer, Transport transport, Pacing extra, RetryPolicy retry,
      Tally tally, StatusListener status, Spool spool) {
    this.outbox = outbox;
    this.buffer = buffer;
    this.transport = transport;
    Pacing pacing = transport.pacing().and(extra);
    this.pacer = pacing.newPacer();
    this.threads = pacing.isUnlimited() ? Math.max(1, transport.maxConcurrentDeliveries()) : 1;
    this.retry = retry;
    this.tally = tally;
    this.status = status;
    this.spool = spool;
  }

  @Override
  public void run() {
    while (!stopped) {
      Outgoing o;
      try {
        o = outbox.poll(250, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        continue;
      }
      if (o == null) {
        continue;
      }
      try {
        send(o);
      } catch (Throwable t) {
        tally.failed.incrementAndGet();
        status.onStatus(StatusListener.Level.ERROR, "delivery of a report failed unexpectedly; it is dropped", t);
      } finally {
        buffer.release(o.weight);
      }
    }
  }

  private void send(Outgoing o) {
    long start = System.nanoTime();
    int attempt = 0;
    boolean rateLimited = false;
    while (true) {
      // After a 429 the destination named the moment itself: retry_after, already waited out.
      if (!rateLimited && !sleep(pacer.waitNanos(System.nanoTime()))) {
        abandon();
        return;
      }
      DeliveryOutcome outcome;
      try {
        outcome = transport.deliver(o.report);
      } catch (RuntimeException e) {
        outcome = DeliveryOutcome.retryable(e.getClass().getSimpleName());
      }
      rateLimited = outcome.kind() == DeliveryOutcome.Kind.RATE_LIMITED;
      if (!rateLimited) {
        // A refused attempt used none of the destination's allowance; counting it would delay the retry.
        pacer.record(System.nanoTime());
      }
      attempt++;
      long elapsed = System.nanoTime() - start;
      switch (outcome.kind()) {
        case DELIVERED:
          tally.sent.incrementAndGet();
          o.spooled.forEach(spool::remove);
          return;
        case REJECTED:
          tally.failed.incrementAndGet();
          o.spooled.forEach(spool::remove);
          long rejected = rejections.incrementAndGet();
          if (Tally.thinned(rejected)) {
            status.onStatus(StatusListener.Level.ERROR, transport.describe() + " rejected a report: "
                + outcome.reason() + " (not retried; " + rejected + " rejected so far)", null);
          }
          return;
        case RATE_LIMITED:
        case RETRYABLE:
          long wait = outcome.kind() == DeliveryOutcome.Kind.RATE_LIMITED
              ? outcome.retryAfter().toNanos()
              : retry.backoffNanos(attempt, ThreadLocalRandom.current());
          if (attempt >= retry.maxAttempts() || elapsed + wait > retry.maxElapsedNanos()) {
            tally.failed.incrementAndGet();
            long abandoned = givenUp.incrementAndGet();
            if (Tally.thinned(abandoned)) {
              status.onStatus(StatusListener.Level.WARN, "gave up on a report after " + attempt + " attempts to "
                  + transport.describe() + ": " + outcome + " (" + abandoned + " given up so far"
                  + (o.spooled.isEmpty() ? "" : "; kept in the spool for the next start") + ")", null);
            }
            return;
          }
          if (!sleep(wait)) {
            abandon();
            return;
          }
          break;
        default:
          throw new IllegalStateException(outcome.kind().name());
      }
    }
  }

  private void abandon() {
    tally.failed.incrementAndGet();
    abandoned.incrementAndGet();
  }

  /** Reports given up because a wait would have outlasted the close deadline. */
  long abandoned() {
    return abandoned.get();
  }

  /** Sleeps unless the client is closing and the wait would outlast its deadline. */
  private boolean sleep(long nanos) {
    long until = System.nanoTime() + nanos;
    while (true) {
      long left = until - System.nanoTime();
      if (left <= 0) {
        return true;
      }
      if (stopped || until - abandonAfter > 0) {
        return false;
      }
      LockSupport.parkNanos(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
    }
  }
}
