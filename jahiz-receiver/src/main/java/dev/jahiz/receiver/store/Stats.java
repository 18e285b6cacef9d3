package dev.jahiz.receiver.store;

import java.util.List;
import java.util.Map;

/** Totals for {@code GET /stats}. */
public record Stats(
    long totalReports,
    long totalOccurrences,
    long groups,
    Map<String, Long> byStatus,
    Map<String, Long> bySeverity,
    List<AppCount> topApps,
    String firstReceivedAt,
    String lastReceivedAt) {

  public record AppCount(String appName, long reports) {}
}
