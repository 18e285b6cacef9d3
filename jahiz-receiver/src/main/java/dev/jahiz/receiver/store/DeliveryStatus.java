package dev.jahiz.receiver.store;

import java.util.Locale;

/** Where a stored report is in delivery; stored as its lowercase name. */
public enum DeliveryStatus {
  PENDING,
  DELIVERED,
  FAILED,
  /** Matched an ignore rule: kept and searchable, counted, never delivered. */
  FILTERED,
  /** Its group was muted or resolved when it came to be sent: kept and counted, not delivered. */
  MUTED;

  public String dbName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DeliveryStatus fromDb(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }
}
