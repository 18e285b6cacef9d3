package dev.jahiz.receiver.store;

/** A fingerprint group: how often it happened, when, and its latest report's headline. */
public record GroupSummary(
    String fingerprint,
    long occurrences,
    long reports,
    long pending,
    String firstSeen,
    String lastSeen,
    String severity,
    String appName,
    String errorType,
    String errorClass,
    String errorMessage,
    String latestId) {}
