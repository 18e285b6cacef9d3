package dev.jahiz.client;

/** A snapshot of what a {@link JahizClient} has done since it started. */
public final class Counters {
  private final long accepted;
  private final long sent;
  private final long grouped;
  private final long dropped;
  private final long failed;
  private final long filtered;
  private final int queueDepth;
  private final long queueBytes;
  private final long spooled;
  private final long spooledBytes;
  private final long replayed;
  private final long spoolDropped;

  public Counters(long accepted, long sent, long grouped, long dropped, long failed, long filtered, int queueDepth,
      long queueBytes, long spooled, long spooledBytes, long replayed, long spoolDropped) {
    this.accepted = accepted;
    this.sent = sent;
    this.grouped = grouped;
    this.dropped = dropped;
    this.failed = failed;
    this.filtered = filtered;
    this.queueDepth = queueDepth;
    this.queueBytes = queueBytes;
    this.spooled = spooled;
    this.spooledBytes = spooledBytes;
    this.replayed = replayed;
    this.spoolDropped = spoolDropped;
  }

  /** Reports taken into the queue. */
  public long accepted() {
    return accepted;
  }

  /** Messages the transport confirmed; a grouped follow-up counts once. */
  public long sent() {
    return sent;
  }

  /** Reports folded into an earlier one with the same fingerprint instead of sent on their own. */
  public long grouped() {
    return grouped;
  }

  /** Reports turned away because the queue was full or the client closed. */
  public long dropped() {
    return dropped;
  }

  /** Messages given up on: rejected by the destination, or out of retries. */
  public long failed() {
    return failed;
  }

  /** Reports an ignore rule kept from being sent. */
  public long filtered() {
    return filtered;
  }

  /** Reports accepted and not yet delivered, grouped or given up. */
  public int queueDepth() {
    return queueDepth;
  }

  /** Estimated bytes those reports hold. */
  public long queueBytes() {
    return queueBytes;
  }

  /** Reports written to the spool before their first send attempt. */
  public long spooled() {
    return spooled;
  }

  /** Bytes written to the spool for them. */
  public long spooledBytes() {
    return spooledBytes;
  }

  /** Reports a previous run left undelivered in the spool, taken up at start and sent first. */
  public long replayed() {
    return replayed;
  }

  /** Reports dropped from the spool, oldest first, because it was full. */
  public long spoolDropped() {
    return spoolDropped;
  }

  @Override
  public String toString() {
    return "accepted=" + accepted + " sent=" + sent + " grouped=" + grouped + " dropped=" + dropped
        + " failed=" + failed + " filtered=" + filtered + " queueDepth=" + queueDepth + " queueBytes=" + queueBytes
        + " spooled=" + spooled + (spooledBytes > 0 ? " spooledBytes=" + spooledBytes : "") + " replayed=" + replayed
        + (spoolDropped > 0 ? " spoolDropped=" + spoolDropped : "");
  }
}
