package dev.jahiz.receiver.store;

import java.util.Locale;

/** Where a stored report is in delivery; stored as its lowercase name. */
public enum DeliveryStatus {
  PENDING,
  DELIVERED,
  FAILED,
  /** Matched an ignore rule: kept and searchable, counted, never delivered. */
  FILTERED;

  public String dbName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DeliveryStatus fromDb(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }
}
