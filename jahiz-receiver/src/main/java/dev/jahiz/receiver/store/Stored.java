package dev.jahiz.receiver.store;

/**
 * What storing one report came to: new, or a client retry of one already stored; and whether it was
 * stored as {@code filtered} (an ignore rule matched: kept and searchable, never delivered).
 */
public record Stored(String eventId, String fingerprint, boolean duplicate, boolean filtered) {
  public Stored(String eventId, String fingerprint, boolean duplicate) {
    this(eventId, fingerprint, duplicate, false);
  }

  /** The status an answer gives: {@code duplicate}, {@code filtered} or {@code accepted}. */
  public String outcome() {
    return duplicate ? "duplicate" : filtered ? "filtered" : "accepted";
  }
}
