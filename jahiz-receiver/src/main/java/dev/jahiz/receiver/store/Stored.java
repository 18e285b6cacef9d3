package dev.jahiz.receiver.store;

/** What storing one report came to: new, or a client retry of one already stored. */
public record Stored(String eventId, String fingerprint, boolean duplicate) {}
