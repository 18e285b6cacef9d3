package dev.jahiz.receiver.ingest;

import dev.jahiz.fingerprint.Fingerprints;
import dev.jahiz.receiver.store.GroupCommit;
import dev.jahiz.receiver.store.NewReport;
import dev.jahiz.receiver.store.Stored;
import dev.jahiz.report.ErrorReport;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Turns accepted reports into stored ones: settles the event id (the client's, or a new one) and
 * the fingerprint, persists them durably, then tells the delivery side there is work.
 */
public final class Ingestor {
  private final GroupCommit store;
  private final Fingerprints fingerprints;
  private final Clock clock;
  private final Runnable onStored;

  public Ingestor(GroupCommit store, Fingerprints fingerprints, Clock clock, Runnable onStored) {
    this.store = store;
    this.fingerprints = fingerprints;
    this.clock = clock;
    this.onStored = onStored;
  }

  public List<Stored> ingest(List<ErrorReport> reports) {
    List<NewReport> prepared = new ArrayList<>(reports.size());
    var now = clock.instant();
    for (ErrorReport r : reports) {
      ErrorReport withId = r.eventId() != null ? r : r.toBuilder().eventId(UUID.randomUUID().toString()).build();
      prepared.add(new NewReport(withId, fingerprints.of(withId), now));
    }
    List<Stored> stored = store.insertAll(prepared);
    if (stored.stream().anyMatch(s -> !s.duplicate())) {
      onStored.run();
    }
    return stored;
  }
}
