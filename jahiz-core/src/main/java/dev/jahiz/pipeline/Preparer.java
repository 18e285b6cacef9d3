package dev.jahiz.pipeline;

import dev.jahiz.StatusListener;
import dev.jahiz.client.JahizClient;
import dev.jahiz.client.ReportDefaults;
import dev.jahiz.classify.ErrorClassifier;
import dev.jahiz.device.DeviceInfoSource;
import dev.jahiz.filter.IgnoreRules;
import dev.jahiz.fingerprint.Fingerprints;
import dev.jahiz.fingerprint.StackFrames;
import dev.jahiz.logging.Headlines;
import dev.jahiz.report.ErrorReport;
import dev.jahiz.report.EventIds;
import dev.jahiz.report.ReportLimits;
import dev.jahiz.report.ThrowableDetails;
import dev.jahiz.spool.Spool;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The encode stage, on its own daemon thread: takes reports off the buffer, decides grouping from
 * the fingerprint first, and only for reports that will be sent does the costly part (render the
 * trace, fill defaults, device info, event id, clip to limits) before handing them to the sender.
 */
final class Preparer implements Runnable {
  static final String SDK = "jahiz-java/" + JahizClient.VERSION;
  /** Also the longest a lone report waits for the preparer: callers do not wake it for one report. */
  /** How long the preparer may spend at close writing what is left to the spool. */
  static final long SPOOL_AT_CLOSE_MILLIS = 1_000;
  private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final ReportBuffer buffer;
  private final BlockingQueue<Outgoing> outbox;
  private final Grouping grouping;
  private final FingerprintMemo fingerprints;
  private final StackFrames frames;
  private final ReportDefaults defaults;
  private final DeviceInfoSource device;
  private final IgnoreRules ignore;
  private final Tally tally;
  private final StatusListener status;
  private final Spool spool;
  private final AtomicLong degraded = new AtomicLong();

  volatile boolean parked;
  /** Set by flush and close: close every grouping window now so no count is left behind. */
  volatile boolean flushWindows;
  volatile boolean stopped;
  /** Set once what a previous run left in the spool has been queued (or found to be nothing). */
  volatile boolean replayed;

  Preparer(ReportBuffer buffer, BlockingQueue<Outgoing> outbox, long windowNanos, StackFrames frames,
      ReportDefaults defaults, DeviceInfoSource device, IgnoreRules ignore, Tally tally, StatusListener status,
      Spool spool) {
    this.buffer = buffer;
    this.outbox = outbox;
    this.grouping = new Grouping(windowNanos);
    this.fingerprints = new FingerprintMemo(Fingerprints.create(frames));
    this.frames = frames;
    this.defaults = defaults;
    this.device = device;
    this.ignore = ignore;
    this.tally = tally;
    this.status = status;
    this.spool = spool;
  }

  @Override
  public void run() {
    try {
      replayLeftovers();
    } catch (Throwable t) {
      status.onStatus(StatusListener.Level.ERROR, "could not send what a previous run left in the spool", t);
    } finally {
      replayed = true;
    }
    List<Pending> done = new ArrayList<>();
    List<Grouping.Repeats> closed = new ArrayList<>();
    long lastSweep = System.nanoTime();
    while (!stopped) {
      Pending p = null;
      try {
        p = buffer.poll();
        boolean idle = p == null;
        long now = System.nanoTime();
        if (p != null) {
          handle(p, now, done, closed);
          p = null;
        }
        if (idle || now - lastSweep > TimeUnit.MILLISECONDS.toNanos(100)) {
          // A flush closes every window once what was queued before it has been absorbed; closing
          // them mid-queue would open new windows that nothing closes before the flush times out.
          boolean all = flushWindows && idle;
          if (all) {
            flushWindows = false;
          }
          closed.addAll(grouping.closeWindows(now, all));
          lastSweep = now;
        }
        for (Grouping.Repeats r : closed) {
          encodeAndQueue(r.last, r.count, r.firstSeen);
        }
        closed.clear();
        releaseAll(done);
        if (idle) {
          idle(now);
        }
      } catch (Throwable t) {
        // Whatever failed, no report stays counted as queued: that would hold every later flush.
        if (p != null) {
          giveUp(p, "the preparer failed on a report; it is skipped", t);
        }
        for (Grouping.Repeats r : closed) {
          giveUp(r.last, "the preparer failed on a report; it is skipped", t);
        }
        closed.clear();
        releaseAll(done);
      }
    }
    spoolWhatIsLeft();
  }

  /**
   * At close, after its timeout: what is still queued or counted in a grouping window is encoded
   * into the outbox, and so into the spool, for the next start to send; bounded in time, and what
   * does not make it is counted as lost by close().
   */
  private void spoolWhatIsLeft() {
    if (!spool.isEnabled()) {
      return;
    }
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SPOOL_AT_CLOSE_MILLIS);
    List<Pending> done = new ArrayList<>();
    List<Grouping.Repeats> closed = new ArrayList<>();
    try {
      for (Pending p = buffer.poll(); p != null; p = System.nanoTime() - until < 0 ? buffer.poll() : null) {
        try {
          handle(p, System.nanoTime(), done, closed);
        } catch (Throwable t) {
          giveUp(p, "the preparer failed on a report; it is skipped", t);
        }
      }
      closed.addAll(grouping.closeWindows(System.nanoTime(), true));
      for (Grouping.Repeats r : closed) {
        encodeAndQueue(r.last, r.count, r.firstSeen);
      }
    } catch (Throwable t) {
      status.onStatus(StatusListener.Level.ERROR, "could not write what is left to the spool", t);
    } finally {
      releaseAll(done);
    }
  }

  private void releaseAll(List<Pending> done) {
    for (Pending d : done) {
      buffer.release(d.weight);
    }
    done.clear();
  }

  private void handle(Pending p, long now, List<Pending> done, List<Grouping.Repeats> closed) {
    if (!ignore.isEmpty() && ignored(p)) {
      tally.filtered.incrementAndGet();
      done.add(p);
      return;
    }
    String fingerprint;
    try {
      fingerprint = fingerprints.of(p.report, p.throwable);
    } catch (Throwable unreadable) {
      // Its exception broke while being read: go on with what can be read of it.
      Pending readable = p.readable();
      if (readable == p) {
        giveUp(p, "could not fingerprint a report; it is skipped", unreadable);
        return;
      }
      degraded(unreadable);
      p = readable;
      fingerprint = fingerprints.of(p.report, p.throwable);
    }
    if (grouping.absorb(fingerprint, p, p.report.timestamp(), now, done, closed)) {
      tally.grouped.incrementAndGet();
      return;
    }
    encodeAndQueue(p, 1, null, fingerprint);
  }

  /** Whether an ignore rule matches the report as it would be sent (with the defaults); a rule that breaks does not. */
  private boolean ignored(Pending p) {
    try {
      ErrorReport.Builder b = p.report.toBuilder();
      defaults.applyTo(p.report, b);
      if (p.report.errorType() == null && p.throwable != null) {
        b.errorType(p.throwable.getClass().getName());
      }
      return ignore.firstMatch(b.build(), p.throwable) != null;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private void encodeAndQueue(Pending p, int occurrences, Instant firstSeen) {
    String fingerprint;
    try {
      fingerprint = fingerprints.of(p.report, p.throwable);
    } catch (Throwable unreadable) {
      p = p.readable();
      fingerprint = fingerprints.of(p.report, p.throwable);
    }
    encodeAndQueue(p, occurrences, firstSeen, fingerprint);
  }

  private void encodeAndQueue(Pending p, int occurrences, Instant firstSeen, String fingerprint) {
    ErrorReport report;
    try {
      report = encode(p, occurrences, firstSeen, fingerprint);
    } catch (Throwable unreadable) {
      Pending readable = p.readable();
      try {
        if (readable == p) {
          throw unreadable;
        }
        report = encode(readable, occurrences, firstSeen, fingerprint);
        degraded(unreadable);
      } catch (Throwable stillUnreadable) {
        giveUp(p, "could not encode a report; it is skipped", stillUnreadable);
        return;
      }
    }
    long weight = Pending.weighEncoded(report);
    buffer.reweigh(p.weight, weight);
    // On disk before the first attempt: from here on an exit or a kill cannot lose it.
    Spool.Entry entry = spool.write(report);
    outbox.add(new Outgoing(report, weight, entry == null ? List.of() : List.of(entry)));
  }

  /**
   * Sends first what a previous run could not deliver, grouped as it would have been: one message
   * per fingerprint, marked as coming late, paced like any other. A flush right after start waits
   * for these too (see {@link #replayed}).
   */
  private void replayLeftovers() {
    List<Spool.Leftover> leftovers = spool.takeLeftovers();
    if (leftovers.isEmpty()) {
      return;
    }
    Map<String, List<Spool.Leftover>> groups = new LinkedHashMap<>();
    for (Spool.Leftover l : leftovers) {
      String key = l.report().fingerprint() != null ? l.report().fingerprint() : l.entry().toString();
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(l);
    }
    for (List<Spool.Leftover> group : groups.values()) {
      ErrorReport report = Leftovers.combine(group);
      List<Spool.Entry> entries = new ArrayList<>();
      group.forEach(l -> entries.add(l.entry()));
      long weight = Pending.weighEncoded(report);
      buffer.hold(weight);
      outbox.add(new Outgoing(report, weight, entries));
    }
    tally.replayed.addAndGet(leftovers.size());
    status.onStatus(StatusListener.Level.INFO, "sending " + leftovers.size() + " report"
        + (leftovers.size() == 1 ? "" : "s") + " a previous run left undelivered in " + spool.directory() + ", as "
        + groups.size() + " message" + (groups.size() == 1 ? "" : "s"), null);
  }

  private void degraded(Throwable why) {
    long n = degraded.incrementAndGet();
    if (Tally.thinned(n)) {
      status.onStatus(StatusListener.Level.WARN, "an exception could not be read in full (" + why.getClass().getName()
          + "); its report is sent with what could be read (" + n + " so far)", null);
    }
  }

  private void giveUp(Pending p, String why, Throwable cause) {
    buffer.release(p.weight);
    tally.failed.incrementAndGet();
    try {
      status.onStatus(StatusListener.Level.ERROR, why, cause);
    } catch (Throwable ignored) {
      // nowhere left to tell
    }
  }

  ErrorReport encode(Pending p, int occurrences, Instant firstSeen, String fingerprint) {
    ErrorReport r = ThrowableDetails.complete(Headlines.fromRootCause(p.report, p.throwable), p.throwable, frames);
    ErrorReport.Builder b = r.toBuilder();
    defaults.applyTo(r, b);
    if (r.device() == null) {
      b.device(device.current());
    }
    if (r.eventId() == null) {
      b.eventId(EventIds.next());
    }
    if (r.sdk() == null) {
      b.sdk(SDK);
    }
    if (r.errorClass() == null) {
      b.errorClass(ErrorClassifier.classify(r));
    }
    b.fingerprint(fingerprint);
    if (occurrences > 1) {
      b.occurrences((long) occurrences).firstSeen(firstSeen);
    }
    long dropped = tally.droppedSinceLastMessage.getAndSet(0);
    if (dropped > 0) {
      b.droppedSinceLast((int) Math.min(Integer.MAX_VALUE, r.droppedSinceLast() + dropped));
    }
    return ReportLimits.clip(b.build());
  }

  private void idle(long now) {
    long wait = IDLE_PARK_NANOS;
    long next = grouping.nanosToNextClose(now);
    if (next >= 0) {
      wait = Math.min(wait, Math.max(next, TimeUnit.MILLISECONDS.toNanos(1)));
    }
    parked = true;
    if (buffer.isQueueEmpty() && !flushWindows && !stopped) {
      LockSupport.parkNanos(this, wait);
    }
    parked = false;
  }

}
