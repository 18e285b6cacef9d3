package dev.jahiz.receiver.store;

import java.time.Instant;

/** The undelivered reports of one fingerprint, and when that fingerprint last reached the chat. */
public record PendingGroup(String fingerprint, Instant oldestReceivedAt, Instant lastDeliveredAt) {}
