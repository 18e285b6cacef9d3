package dev.jahiz.receiver.store;

import java.time.Instant;

/** Undelivered reports: how many, and since when the oldest waits (null when none). */
public record Backlog(long pending, Instant oldestReceivedAt) {}
