package dev.jahiz.receiver.monitoring;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records webhook events off the request's path: {@link #record} only updates the Prometheus meters and
 * offers the event to a bounded queue (a full queue drops and counts it), and the events are written in
 * batches by the receiver's single database writer between its commits, so recording never takes
 * SQLite's write lock from a request and costs no fsync per request.
 *
 * <p>This is the API a write route calls when {@link RequestMonitor} does not already cover it.
 */
public final class WebhookRecorder {
  private static final Logger log = LoggerFactory.getLogger(WebhookRecorder.class);
  static final int CAPACITY = 20_000;
  private static final int MAX_BATCH = 2_000;
  /** Events wait at most about this long (plus the writer's idle poll) before they are written. */
  private static final long WRITE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  private final MonitoringStore store;
  private final WebhookMeters meters;
  private final ArrayBlockingQueue<WebhookEvent> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final AtomicLong dropped = new AtomicLong();
  private long lastWriteNanos = System.nanoTime();

  WebhookRecorder(MonitoringStore store, WebhookMeters meters) {
    this.store = store;
    this.meters = meters;
  }

  /** Never blocks or throws. */
  public void record(WebhookEvent event) {
    try {
      meters.record(event);
      if (!queue.offer(event)) {
        drop(1, null);
      }
    } catch (RuntimeException e) {
      log.warn("webhook event not recorded", e);
    }
  }

  /** Writes what is queued if enough has queued or enough time has passed; for the writer thread. */
  public synchronized void writeDue() {
    if (queue.size() < MAX_BATCH && System.nanoTime() - lastWriteNanos < WRITE_INTERVAL_NANOS) {
      return;
    }
    writeQueued();
  }

  /** Writes everything queued until now. */
  public synchronized void flush() {
    while (!queue.isEmpty()) {
      writeQueued();
    }
  }

  private void writeQueued() {
    lastWriteNanos = System.nanoTime();
    List<WebhookEvent> batch = new ArrayList<>(Math.min(queue.size(), MAX_BATCH));
    queue.drainTo(batch, MAX_BATCH);
    if (batch.isEmpty()) {
      return;
    }
    try {
      store.insert(batch);
    } catch (RuntimeException e) {
      drop(batch.size(), e);
    }
  }

  private void drop(int count, RuntimeException cause) {
    long before = dropped.getAndAdd(count);
    meters.dropped(count);
    // Said on the first drop and every 1,000th after, never per event.
    if (before == 0 || before / 1000 != (before + count) / 1000) {
      log.warn("{} webhook events dropped so far ({}); health and alerts undercount meanwhile", before + count,
          cause == null ? "the recorder's queue of " + CAPACITY + " was full" : "the database refused them: "
              + cause.getMessage());
    }
  }

  /** Events dropped since start. */
  public long dropped() {
    return dropped.get();
  }
}
