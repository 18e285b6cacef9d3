package dev.jahiz.receiver.store;

import dev.jahiz.report.ErrorReport;
import dev.jahiz.report.ReportJson;
import java.time.Instant;
import java.util.Objects;

/**
 * A verified, validated report about to be stored, with its id and fingerprint settled, and its JSON
 * as it will be stored. The JSON is written here, on the thread that made the report (a request
 * thread), so the single database writer, whom every request waits for, spends its time inserting.
 */
public final class NewReport {
  private final ErrorReport report;
  private final String fingerprint;
  private final Instant receivedAt;
  private final DeliveryStatus status;
  private final String replyTo;
  private final String json;

  /**
   * @param status {@link DeliveryStatus#PENDING} to be delivered, {@link DeliveryStatus#FILTERED} to be kept only
   * @param replyTo the fingerprint whose last delivered message this one answers (a Sentry issue resolved), or null
   */
  public NewReport(ErrorReport report, String fingerprint, Instant receivedAt, DeliveryStatus status,
      String replyTo) {
    this(report, fingerprint, receivedAt, status, replyTo, null);
  }

  /**
   * @param json the report as stored in {@code report_json}: JSON that parses to {@code report}, or
   *     null to write it from {@code report}
   */
  public NewReport(ErrorReport report, String fingerprint, Instant receivedAt, DeliveryStatus status,
      String replyTo, String json) {
    Objects.requireNonNull(report.eventId(), "event id");
    this.report = report;
    this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
    this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
    this.status = Objects.requireNonNull(status, "status");
    this.replyTo = replyTo;
    this.json = json != null ? json : ReportJson.toJsonString(report);
  }

  public NewReport(ErrorReport report, String fingerprint, Instant receivedAt) {
    this(report, fingerprint, receivedAt, DeliveryStatus.PENDING, null);
  }

  public ErrorReport report() {
    return report;
  }

  public String fingerprint() {
    return fingerprint;
  }

  public Instant receivedAt() {
    return receivedAt;
  }

  public DeliveryStatus status() {
    return status;
  }

  public String replyTo() {
    return replyTo;
  }

  /** The report's JSON, as stored in {@code report_json}. */
  public String json() {
    return json;
  }

  public String eventId() {
    return report.eventId();
  }
}
