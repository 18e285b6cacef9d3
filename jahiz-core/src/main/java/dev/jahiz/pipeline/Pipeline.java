package dev.jahiz.pipeline;

import dev.jahiz.StatusListener;
import dev.jahiz.client.Counters;
import dev.jahiz.client.JahizClient;
import dev.jahiz.client.ReportDefaults;
import dev.jahiz.delivery.Pacing;
import dev.jahiz.delivery.Transport;
import dev.jahiz.device.DeviceInfoSource;
import dev.jahiz.filter.IgnoreRules;
import dev.jahiz.fingerprint.StackFrames;
import dev.jahiz.report.ErrorReport;
import dev.jahiz.spool.Spool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The stages a report passes through, each in this package, and the threads that run them:
 *
 * <pre>
 * caller ──offer──▶ {@link ReportBuffer} ──▶ {@link Preparer} thread ──▶ outbox ──▶ {@link Sender} thread(s)
 *                   bounded by count        fingerprint, group,            pace, send, retry,
 *                   and bytes               enrich, clip, spool            unspool when delivered
 * </pre>
 *
 * <p>Not an API: {@link JahizClient} is. Everything a report takes from the buffer's budget is given
 * back by whichever stage ends its journey (delivered, grouped, filtered, rejected, given up, or
 * left at close), so that {@link #flush} and {@link #close} never wait for a report that is gone.
 */
public final class Pipeline {
  private final Transport transport;
  private final StatusListener status;
  private final ReportBuffer buffer;
  /** Queue depth at which a report wakes the preparer rather than letting it find the work itself. */
  private final int wakeAt;
  /** Why a report was dropped, made once: a drop happens under pressure, when every call counts. */
  private final String queueFull;
  private final Tally tally = new Tally();
  private final Preparer preparer;
  private final Sender sender;
  private final Thread preparerThread;
  private final List<Thread> senderThreads = new ArrayList<>();
  private final Spool spool;
  private final LinkedBlockingQueue<Outgoing> outbox = new LinkedBlockingQueue<>();
  private final AtomicBoolean closing = new AtomicBoolean();
  private volatile boolean closed;

  private Pipeline(Builder b) {
    this.transport = b.transport;
    this.status = b.status;
    this.buffer = new ReportBuffer(b.queueCapacity, b.queueBytes);
    this.spool = b.spoolDirectory == null ? Spool.none() : Spool.open(b.spoolDirectory, b.spoolBytes, status);
    this.wakeAt = Math.max(1, Math.min(64, b.queueCapacity / 8));
    this.queueFull = "queue full (" + b.queueCapacity + " reports / " + (b.queueBytes / 1024) + " KiB); "
        + b.transport.describe() + " may be slow or down";
    this.preparer = new Preparer(buffer, outbox, b.groupingWindow.toNanos(), b.stackFrames, b.defaults,
        b.deviceInfo, b.ignore, tally, status, spool);
    this.sender = new Sender(outbox, buffer, transport, b.pacing,
        new RetryPolicy(b.maxAttempts, Duration.ofMillis(500), Duration.ofSeconds(30), b.maxRetryTime), tally, status,
        spool);
    this.preparerThread = daemon(preparer, JahizClient.THREAD_PREFIX + "preparer");
    for (int i = 1; i <= sender.threads; i++) {
      senderThreads.add(daemon(sender, JahizClient.THREAD_PREFIX + "sender" + (i == 1 ? "" : "-" + i)));
    }
    preparerThread.start();
    senderThreads.forEach(Thread::start);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Offers a report to the buffer on the caller's thread: counted as accepted or dropped, never blocks. */
  public void offer(ErrorReport report, Throwable throwable) {
    if (closed) {
      tally.dropped(status, "the client is closed");
      return;
    }
    Pending pending = new Pending(report, throwable);
    int waiting = buffer.offer(pending);
    if (waiting > 0) {
      // close() may have begun between the check above and the offer, and finished already:
      // then nothing would take this report, and it would stay counted as queued for good.
      if (closed && buffer.withdraw(pending)) {
        tally.dropped(status, "the client is closed");
        return;
      }
      tally.accepted.increment();
      // Waking a parked thread costs the caller a system call, more than the rest of this method:
      // the preparer looks on its own within Preparer.IDLE_PARK_NANOS, and is woken only when a burst
      // would otherwise fill the queue before then.
      if (waiting >= wakeAt && preparer.parked) {
        LockSupport.unpark(preparerThread);
      }
    } else {
      tally.dropped(status, queueFull);
    }
  }

  /**
   * Sends everything accepted so far, including the counts of repeats still inside their grouping
   * window, and waits for it up to {@code timeout}. True when nothing is left.
   */
  public boolean flush(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    preparer.flushWindows = true;
    LockSupport.unpark(preparerThread);
    // Until the preparer has queued what a previous run left in the spool, those count as unsent too.
    while (buffer.inFlight() > 0 || !preparer.replayed) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
    return true;
  }

  /**
   * Stops taking reports, delivers what is queued within the timeout, then stops the threads and
   * the transport. Whatever could not be delivered in time is counted and said. Safe to call twice:
   * false for every call but the one that closed.
   */
  public boolean close(Duration timeout) {
    if (!closing.compareAndSet(false, true)) {
      return false;
    }
    closed = true;
    long deadline = System.nanoTime() + timeout.toNanos();
    sender.abandonAfter = deadline;
    long abandonedBefore = sender.abandoned();
    flush(timeout);
    preparer.stopped = true;
    sender.stopped = true;
    // No interrupt: the sender sees the flag within its poll interval, and closing the transport
    // below cancels a call still in flight.
    LockSupport.unpark(preparerThread);
    senderThreads.forEach(LockSupport::unpark);
    // The encoder writes what it still holds to the spool (see Preparer.spoolWhatIsLeft), bounded in time.
    join(preparerThread, Preparer.SPOOL_AT_CLOSE_MILLIS + 500);
    try {
      transport.close();
    } catch (RuntimeException e) {
      status.onStatus(StatusListener.Level.WARN, "closing " + transport.describe() + " failed", e);
    }
    senderThreads.forEach(t -> join(t, 200));
    // What no stage will take any more is given up here, so nothing stays counted as queued.
    int lost = buffer.drain();
    long kept = sender.abandoned() - abandonedBefore;
    long left = lost + kept;
    for (Outgoing o = outbox.poll(); o != null; o = outbox.poll()) {
      buffer.release(o.weight);
      kept += o.spooled.isEmpty() ? 0 : 1;
      lost += o.spooled.isEmpty() ? 1 : 0;
      left++;
    }
    tally.failed.addAndGet(left - (sender.abandoned() - abandonedBefore));
    if (left > 0) {
      status.onStatus(StatusListener.Level.WARN, left + " report" + (left == 1 ? "" : "s")
          + " not delivered to " + transport.describe() + " within the close timeout of " + timeout.toMillis() + " ms"
          + (spool.isEnabled() ? "; " + kept + " kept in the spool (" + spool.directory() + ") for the next start" : "")
          + (spool.isEnabled() && lost > 0 ? ", " + lost + " lost" : ""), null);
    }
    spool.close();
    return true;
  }

  public boolean isClosed() {
    return closed;
  }

  public Counters counters() {
    return new Counters(tally.accepted.sum(), tally.sent.get(), tally.grouped.get(), tally.dropped.get(),
        tally.failed.get(), tally.filtered.get(), buffer.inFlight(), buffer.inFlightBytes(), spool.written(),
        spool.writtenBytes(), tally.replayed.get(), spool.dropped());
  }

  /** Waits briefly for a stage that was told to stop: it finishes the report in hand, if any. */
  private static void join(Thread stage, long millis) {
    try {
      stage.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** Each stage's settings, given by {@link JahizClient.Builder}, which checks them. */
  public static final class Builder {
    private int queueCapacity;
    private long queueBytes;
    private Duration groupingWindow;
    private StackFrames stackFrames;
    private ReportDefaults defaults;
    private DeviceInfoSource deviceInfo;
    private IgnoreRules ignore;
    private Transport transport;
    private Pacing pacing;
    private int maxAttempts;
    private Duration maxRetryTime;
    private Path spoolDirectory;
    private long spoolBytes;
    private StatusListener status;

    private Builder() {}

    public Builder buffer(int capacity, long bytes) {
      this.queueCapacity = capacity;
      this.queueBytes = bytes;
      return this;
    }

    public Builder preparation(Duration groupingWindow, StackFrames stackFrames, ReportDefaults defaults,
        DeviceInfoSource deviceInfo, IgnoreRules ignore) {
      this.groupingWindow = groupingWindow;
      this.stackFrames = stackFrames;
      this.defaults = defaults;
      this.deviceInfo = deviceInfo;
      this.ignore = ignore;
      return this;
    }

    public Builder delivery(Transport transport, Pacing pacing, int maxAttempts, Duration maxRetryTime) {
      this.transport = transport;
      this.pacing = pacing;
      this.maxAttempts = maxAttempts;
      this.maxRetryTime = maxRetryTime;
      return this;
    }

    /** A null directory keeps reports in memory only. */
    public Builder spool(Path directory, long maxBytes) {
      this.spoolDirectory = directory;
      this.spoolBytes = maxBytes;
      return this;
    }

    public Builder status(StatusListener status) {
      this.status = status;
      return this;
    }

    /** Starts the stages' threads. */
    public Pipeline start() {
      return new Pipeline(this);
    }
  }
}
