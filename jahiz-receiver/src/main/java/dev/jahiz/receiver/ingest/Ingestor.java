package dev.jahiz.receiver.ingest;

import dev.jahiz.classify.ErrorClassifier;
import dev.jahiz.filter.IgnoreRules;
import dev.jahiz.fingerprint.Fingerprints;
import dev.jahiz.receiver.metrics.ReceiverMetrics;
import dev.jahiz.receiver.store.DeliveryStatus;
import dev.jahiz.receiver.store.GroupCommit;
import dev.jahiz.receiver.store.NewReport;
import dev.jahiz.receiver.store.Stored;
import dev.jahiz.report.ErrorReport;
import dev.jahiz.report.EventIds;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Turns accepted reports into stored ones: settles the event id (the client's, or a new one), the
 * fingerprint and the error class (the client's, or decided here from the names the report carries),
 * persists them durably, then tells the delivery side there is work.
 */
public final class Ingestor {
  private final GroupCommit store;
  private final Fingerprints fingerprints;
  private final Clock clock;
  private final Runnable onStored;
  private final ReceiverMetrics metrics;
  private final IgnoreRules ignore;

  public Ingestor(GroupCommit store, Fingerprints fingerprints, Clock clock, Runnable onStored,
      ReceiverMetrics metrics) {
    this(store, fingerprints, clock, onStored, metrics, IgnoreRules.none());
  }

  /** @param ignore reports matching these are stored as {@code filtered}: searchable, counted, never delivered */
  public Ingestor(GroupCommit store, Fingerprints fingerprints, Clock clock, Runnable onStored,
      ReceiverMetrics metrics, IgnoreRules ignore) {
    this.ignore = ignore;
    this.store = store;
    this.fingerprints = fingerprints;
    this.clock = clock;
    this.onStored = onStored;
    this.metrics = metrics;
  }

  /** Stores the reports; durable on return. */
  public List<Stored> ingest(List<ErrorReport> reports) {
    return GroupCommit.await(ingestAsync(reports));
  }

  /**
   * Stores the reports without holding the calling thread: the future completes once they are
   * durable, on the store's completions executor, or exceptionally (a {@link
   * dev.jahiz.receiver.store.StoreException} when the database cannot take them).
   */
  public CompletableFuture<List<Stored>> ingestAsync(List<ErrorReport> reports) {
    List<NewReport> prepared = new ArrayList<>(reports.size());
    var now = clock.instant();
    for (ErrorReport r : reports) {
      ErrorReport settled = settle(r);
      prepared.add(new NewReport(settled, fingerprints.of(settled), now, statusOf(settled), null));
    }
    return storeAsync(prepared);
  }

  /**
   * Stores one report with the JSON its sender sent (see {@link SentJson}), instead of serializing it again.
   *
   * @param report the report as parsed from {@code sentJson}, with any event id the receiver gave it
   * @param asSent the report exactly as parsed from {@code sentJson}
   */
  public CompletableFuture<List<Stored>> ingestAsync(ErrorReport report, ErrorReport asSent, byte[] sentJson) {
    ErrorReport settled = settle(report);
    String json = SentJson.withSettled(sentJson, asSent, settled); // null: NewReport writes it
    return storeAsync(List.of(new NewReport(settled, fingerprints.of(settled), clock.instant(), statusOf(settled),
        null, json)));
  }

  /** The report with an event id and an error class, as it will be stored. */
  public ErrorReport settle(ErrorReport r) {
    if (r.eventId() != null && r.errorClass() != null) {
      return r;
    }
    ErrorReport.Builder b = r.toBuilder();
    if (r.eventId() == null) {
      b.eventId(EventIds.next(clock));
    }
    if (r.errorClass() == null) {
      b.errorClass(ErrorClassifier.classify(r));
    }
    return b.build();
  }

  /** Stores reports already settled, with their fingerprints, status and replies decided by the caller. */
  public List<Stored> store(List<NewReport> prepared) {
    return GroupCommit.await(storeAsync(prepared));
  }

  private CompletableFuture<List<Stored>> storeAsync(List<NewReport> prepared) {
    return store.submit(prepared).thenApply(stored -> stored(prepared, stored));
  }

  private List<Stored> stored(List<NewReport> prepared, List<Stored> stored) {
    boolean any = false;
    for (int i = 0; i < stored.size(); i++) {
      if (!stored.get(i).duplicate()) {
        any |= !stored.get(i).filtered();
        metrics.classified(prepared.get(i).report().errorClass().wireName());
      }
    }
    if (any) {
      onStored.run();
    }
    return stored;
  }

  /** {@code filtered} when an ignore rule matches the (settled) report, else {@code pending}. */
  public DeliveryStatus statusOf(ErrorReport settled) {
    return !ignore.isEmpty() && ignore.firstMatch(settled, null) != null ? DeliveryStatus.FILTERED
        : DeliveryStatus.PENDING;
  }

  /** The fingerprint the receiver gives a report that has none of its own. */
  public String fingerprintOf(ErrorReport report) {
    return fingerprints.of(report);
  }
}
