package dev.jahiz.receiver.store;

/** A stored report as listed by {@code GET /errors}; times are ISO-8601 strings. */
public record ReportSummary(
    String id,
    String receivedAt,
    String timestamp,
    String severity,
    String appName,
    String environment,
    String errorType,
    String errorClass,
    String errorMessage,
    String fingerprint,
    long occurrences,
    String status,
    int attempts,
    String deliveredAt,
    String failureReason) {}
