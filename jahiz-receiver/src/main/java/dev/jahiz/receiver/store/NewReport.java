package dev.jahiz.receiver.store;

import dev.jahiz.report.ErrorReport;
import java.time.Instant;
import java.util.Objects;

/** A verified, validated report about to be stored, with its id and fingerprint settled. */
public record NewReport(ErrorReport report, String fingerprint, Instant receivedAt) {
  public NewReport {
    Objects.requireNonNull(report.eventId(), "event id");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }

  public String eventId() {
    return report.eventId();
  }
}
