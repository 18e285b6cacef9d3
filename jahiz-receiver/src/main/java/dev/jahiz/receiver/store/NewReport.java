package dev.jahiz.receiver.store;

import dev.jahiz.report.ErrorReport;
import java.time.Instant;
import java.util.Objects;

/**
 * A verified, validated report about to be stored, with its id and fingerprint settled.
 *
 * @param status {@link DeliveryStatus#PENDING} to be delivered, {@link DeliveryStatus#FILTERED} to be kept only
 * @param replyTo the fingerprint whose last delivered message this one answers (a Sentry issue resolved), or null
 */
public record NewReport(ErrorReport report, String fingerprint, Instant receivedAt, DeliveryStatus status,
    String replyTo) {
  public NewReport {
    Objects.requireNonNull(report.eventId(), "event id");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(status, "status");
  }

  public NewReport(ErrorReport report, String fingerprint, Instant receivedAt) {
    this(report, fingerprint, receivedAt, DeliveryStatus.PENDING, null);
  }

  public String eventId() {
    return report.eventId();
  }
}
