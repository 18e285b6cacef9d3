package dev.jahiz.receiver.store;

import java.time.Instant;

/**
 * One undelivered report as the delivery worker counts it; its JSON is fetched only for the digest's
 * sample. {@code replyTo} is the fingerprint whose last delivered message it answers, or null.
 */
public record PendingReport(String eventId, Instant receivedAt, Instant firstSeen, long occurrences, String replyTo) {}
