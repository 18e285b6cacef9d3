package dev.jahiz.receiver.store;

import java.time.Instant;

/** One undelivered report as the delivery worker counts it; its JSON is fetched only for the digest's sample. */
public record PendingReport(String eventId, Instant receivedAt, Instant firstSeen, long occurrences) {}
