package dev.jahiz.receiver.store;

import java.time.Instant;

/** Filters and page of {@code GET /errors}; null filters match everything. */
public record ReportQuery(
    String app, String environment, String severity, String fingerprint, String status, String errorClass,
    Instant since, String text, int limit, int offset) {}
