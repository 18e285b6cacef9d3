package dev.jahiz.receiver.delivery;

import dev.jahiz.delivery.DeliveryOutcome;
import dev.jahiz.delivery.Transport;
import dev.jahiz.receiver.metrics.ReceiverMetrics;
import dev.jahiz.receiver.store.PendingGroup;
import dev.jahiz.receiver.store.PendingReport;
import dev.jahiz.receiver.store.ChatPace;
import dev.jahiz.receiver.store.DeliveryQueue;
import dev.jahiz.receiver.store.Leases;
import dev.jahiz.report.ErrorReport;
import dev.jahiz.report.InvalidReportException;
import dev.jahiz.report.ReportJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that gets stored reports to the destination. Each pass it takes every fingerprint
 * with undelivered reports and sends one digest for all of them (the latest report, with
 * {@code occurrences} and {@code first_seen} covering the rest), unless that fingerprint already
 * reached the chat within the group window, in which case its reports wait and join the next digest.
 *
 * <p>Reports are marked delivered in one transaction only after the destination confirmed, so a crash
 * re-sends at most the digest that was in flight. Telegram's pacing is kept, {@code retry_after} is
 * obeyed, transient failures back off exponentially, and refusals mark the reports failed.
 *
 * <p>Receivers sharing one database each run a worker: a digest is sent only under its fingerprint's
 * {@link Leases lease}, and each message takes a send slot of the chat's {@link ChatPace pace} in the
 * database, so together they send each digest once and no faster than one receiver would.
 */
public final class DeliveryWorker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
  /**
   * Upper bound of reports folded into one digest; a bigger group continues in the next one, a group
   * window later. A sender that does not fold repeats (the seed's clients) and sends more than this
   * many reports of one failure per window builds a backlog the digests trail. 100,000 (1,700 a second
   * in the default window of 60 s) costs ~15 MB while a digest is read, and ~1 s of writes in turns
   * to mark (9 µs a report since the JSON has its own table; 30 µs before, when this was 10,000).
   */
  private static final int MAX_DIGEST = 100_000;
  /**
   * The least time between two passes. Each pass reads every pending group, so a pass per stored
   * report (one wake-up per request) would grow with the backlog and compete with ingestion for the
   * database; a report waits at most this long for its turn.
   */
  private static final long MIN_PASS_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  private final DeliveryQueue store;
  private final Transport transport;
  private final ReceiverMetrics metrics;
  private final Clock clock;
  private final Duration groupWindow;
  private final Backoff backoff;
  private final Duration idlePoll;
  private final Leases leases;
  private final Duration leaseLength;
  private final ChatPace pace;
  private final DeliveryObserver observer;
  private final DeliveryGate gate;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition signal = lock.newCondition();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean woken;
  private int failuresInRow;
  /**
   * Outcomes the destination confirmed but the database did not take (it failed right after the
   * send). They are written before anything else is sent, so a delivered digest is never sent again
   * by this process while its reports still look pending.
   */
  private final Deque<Runnable> unrecorded = new ArrayDeque<>();
  /** System.nanoTime() before which nothing is sent (after a 429 or a transient failure). */
  private long pausedUntilNanos = System.nanoTime();

  /**
   * @param gate decides per digest whether it is sent (a muted group's is not) and with what note and buttons
   * @param leases who sends which digest, among receivers sharing the database
   * @param leaseLength how long a digest's lease holds: longer than the slowest send, as a send still
   *     running when it expires may be repeated by another receiver
   * @param pace the destination chat's pace, shared with the other receivers
   */
  public DeliveryWorker(DeliveryQueue store, Transport transport, ReceiverMetrics metrics, Clock clock,
      Duration groupWindow, Backoff backoff, Duration idlePoll, DeliveryObserver observer, DeliveryGate gate,
      Leases leases, Duration leaseLength, ChatPace pace) {
    this.gate = gate;
    this.leases = leases;
    this.leaseLength = leaseLength;
    this.pace = pace;
    this.observer = observer;
    this.store = store;
    this.transport = transport;
    this.metrics = metrics;
    this.clock = clock;
    this.groupWindow = groupWindow;
    this.backoff = backoff;
    this.idlePoll = idlePoll;
    this.thread = new Thread(this::run, "jahiz-delivery");
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /**
   * There may be new work: look now instead of at the next poll. Called for every stored report, so
   * once told the worker is not signalled again until it has looked: a signal per request woke it
   * from its pause between passes for nothing, a context switch per report.
   */
  public void wake() {
    if (woken) {
      return; // the worker has not looked since it was last told; it will see this report too
    }
    lock.lock();
    try {
      woken = true;
      signal.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    log.info("delivery worker started, sending to {} with pacing {}", transport.describe(), transport.pacing());
    long lastPass = System.nanoTime() - MIN_PASS_INTERVAL_NANOS;
    while (running) {
      long sinceLast = System.nanoTime() - lastPass;
      if (sinceLast < MIN_PASS_INTERVAL_NANOS) {
        pause(MIN_PASS_INTERVAL_NANOS - sinceLast);
        continue;
      }
      lastPass = System.nanoTime();
      long waitNanos;
      try {
        waitNanos = pass();
      } catch (RuntimeException e) {
        failuresInRow++;
        Duration delay = backoff.delay(failuresInRow);
        log.error("delivery pass failed; retrying in {} ms", delay.toMillis(), e);
        // Kept by pass() itself, so neither the idle poll nor a wake() shortens the announced wait.
        pausedUntilNanos = System.nanoTime() + delay.toNanos();
        waitNanos = delay.toNanos();
      }
      await(waitNanos);
    }
    log.info("delivery worker stopped");
  }

  /** Sends what is due; returns how long to wait before the next pass. */
  private long pass() {
    long paused = pausedUntilNanos - System.nanoTime();
    if (paused > 0) {
      return paused;
    }
    while (!unrecorded.isEmpty()) {
      unrecorded.peekFirst().run();
      unrecorded.removeFirst();
      failuresInRow = 0;
    }
    Instant now = clock.instant();
    long next = idlePoll.toNanos();
    for (PendingGroup group : store.pendingGroups()) {
      if (!running) {
        return 0;
      }
      if (group.lastDeliveredAt() != null && !groupWindow.isZero()) {
        Instant due = group.lastDeliveredAt().plus(groupWindow);
        if (now.isBefore(due)) {
          next = Math.min(next, Duration.between(now, due).toNanos());
          continue;
        }
      }
      long wait = sendLeased(group.fingerprint());
      if (wait > 0) {
        return wait;
      }
    }
    return next;
  }

  /**
   * Delivers one fingerprint's digest when no other receiver is sending it; returns 0 to go on with
   * the next fingerprint, or how long delivery must pause.
   */
  private long sendLeased(String fingerprint) {
    String lease = "digest:" + fingerprint;
    if (!leases.take(lease, leaseLength)) {
      return 0; // another receiver is sending it
    }
    // When send() throws, the outcome may be confirmed but unrecorded: the lease is kept, so no other
    // receiver sends the digest again before this one writes it (or the lease expires).
    long wait = send(fingerprint);
    leases.release(lease);
    return wait;
  }

  /** Delivers one fingerprint's digest under its lease; 0 to go on, else how long to pause. */
  private long send(String fingerprint) {
    List<PendingReport> rows = store.pending(fingerprint, MAX_DIGEST);
    if (rows.isEmpty()) {
      return 0; // another receiver delivered them meanwhile
    }
    Optional<Instant> last = store.lastDelivered(fingerprint);
    if (last.isPresent() && !groupWindow.isZero() && clock.instant().isBefore(last.get().plus(groupWindow))) {
      return 0; // another receiver delivered this fingerprint since the pass began: wait for the window
    }
    PendingReport latest = rows.get(rows.size() - 1);
    List<String> ids = new ArrayList<>(rows.size());
    long occurrences = 0;
    Instant firstSeen = latest.firstSeen();
    for (PendingReport r : rows) {
      ids.add(r.eventId());
      occurrences += r.occurrences();
      firstSeen = r.firstSeen().isBefore(firstSeen) ? r.firstSeen() : firstSeen;
    }
    DeliveryGate.Decision decision = gate.decide(fingerprint, latest.receivedAt());
    if (decision.held()) {
      record(() -> gate.hold(ids, decision.holdReason()));
      log.info("held back {} reports of fingerprint {}: {}", ids.size(), fingerprint, decision.holdReason());
      return 0;
    }
    long slot = pace.takeSlot();
    if (slot > 0) {
      return slot;
    }
    Optional<ErrorReport> sample = sample(latest.eventId(), ids);
    if (sample.isEmpty()) {
      return 0;
    }
    ErrorReport digest = occurrences == sample.get().occurrences() && rows.size() == 1
        ? sample.get()
        : sample.get().toBuilder().occurrences(occurrences).firstSeen(firstSeen).build();

    // A report answering an earlier one (a Sentry issue resolved) goes as a reply to its message, when known.
    Optional<Long> replyTo = latest.replyTo() == null ? Optional.empty() : store.lastMessageId(latest.replyTo());
    long started = System.nanoTime();
    DeliveryOutcome outcome;
    try {
      outcome = transport.deliver(digest, decision.options().toBuilder().replyTo(replyTo.orElse(null)).build());
    } catch (RuntimeException e) {
      // Transports promise not to throw; one that does must not stop delivery for good.
      outcome = DeliveryOutcome.retryable("transport threw " + e.getClass().getSimpleName());
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    metrics.deliveryAttempt(outcome.kind(), took);
    observer.attempted(digest, outcome, took);

    switch (outcome.kind()) {
      case DELIVERED:
        Instant at = clock.instant();
        Long messageId = outcome.messageId();
        record(() -> store.markDelivered(ids, at, messageId));
        failuresInRow = 0;
        metrics.delivered(ids.size(), Duration.between(rows.get(0).receivedAt(), at));
        log.info("delivered digest of {} reports ({} occurrences) for fingerprint {}", ids.size(), occurrences,
            fingerprint);
        return 0;
      case RATE_LIMITED:
        store.recordRetry(ids, outcome.reason());
        pausedUntilNanos = System.nanoTime() + outcome.retryAfter().toNanos();
        log.warn("destination asks to wait {} s: {}", outcome.retryAfter().toSeconds(), outcome.reason());
        return Math.max(1, pausedUntilNanos - System.nanoTime());
      case RETRYABLE:
        store.recordRetry(ids, outcome.reason());
        failuresInRow++;
        Duration delay = backoff.delay(failuresInRow);
        pausedUntilNanos = System.nanoTime() + delay.toNanos();
        log.warn("delivery failed ({}), attempt {} in a row; retrying in {} ms", outcome.reason(), failuresInRow,
            delay.toMillis());
        return Math.max(1, pausedUntilNanos - System.nanoTime());
      case REJECTED:
      default:
        String reason = outcome.reason();
        record(() -> store.markFailed(ids, reason));
        metrics.failed(ids.size());
        log.error("destination refused digest of {} reports for fingerprint {}: {}", ids.size(), fingerprint,
            outcome.reason());
        return 0;
    }
  }

  /** Writes a final outcome; when the database refuses, keeps it to write before sending anything else. */
  private void record(Runnable write) {
    try {
      write.run();
    } catch (RuntimeException e) {
      unrecorded.addLast(write);
      throw e;
    }
  }

  private Optional<ErrorReport> sample(String eventId, List<String> ids) {
    Optional<String> json = store.reportJson(eventId);
    if (json.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(ReportJson.parse(json.get()));
    } catch (InvalidReportException e) {
      // Stored reports were valid when accepted; one that no longer parses cannot ever be sent.
      store.markFailed(ids, "stored report no longer parses: " + e.getMessage());
      return Optional.empty();
    }
  }

  private void await(long nanos) {
    if (nanos <= 0 || !running) {
      return;
    }
    lock.lock();
    try {
      long remaining = Math.min(nanos, idlePoll.toNanos());
      while (!woken && running && remaining > 0) {
        remaining = signal.awaitNanos(remaining);
      }
      woken = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    } finally {
      lock.unlock();
    }
  }

  /** Waits without being cut short by {@link #wake()}; only {@link #close} ends it early. */
  private void pause(long nanos) {
    lock.lock();
    try {
      long remaining = nanos;
      while (running && remaining > 0) {
        remaining = signal.awaitNanos(remaining);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    } finally {
      lock.unlock();
    }
  }

  /** Stops after the digest in flight, if any; undelivered reports stay stored for the next start. */
  public void close(Duration timeout) {
    running = false;
    lock.lock();
    try {
      signal.signalAll(); // also out of a pause, which wake() leaves alone once it has woken the worker
    } finally {
      lock.unlock();
    }
    try {
      thread.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      log.warn("delivery worker still busy after {} ms; its digest will be resent on next start", timeout.toMillis());
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(15));
  }
}
