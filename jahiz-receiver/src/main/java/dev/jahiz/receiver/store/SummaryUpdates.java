package dev.jahiz.receiver.store;

import dev.jahiz.report.ErrorReport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The inbox's summary rows ({@code group_summaries}), brought up to date for the reports one
 * transaction inserted: one upsert per failure, however many of its reports the transaction holds.
 * A trigger did this per report: in a storm of one failure every report rewrote the same row, and
 * without it the receiver took 8,000–8,500 requests/s at 64 connections against 6,900–7,900 with it
 * (docs/BENCHMARKS.md). Rows are written in fingerprint order, after the reports, so two receivers
 * sharing PostgreSQL lock them in the same order.
 */
final class SummaryUpdates {
  // CASE rather than MIN/MAX or LEAST/GREATEST: the one spelling both SQLite and PostgreSQL accept.
  private static final String UPSERT = "INSERT INTO group_summaries AS g (fingerprint, reports, occurrences,"
      + " first_seen, last_seen, last_received, latest_event_id, severity, app_name, environment, error_type,"
      + " error_class, error_message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
      + " ON CONFLICT (fingerprint) DO UPDATE SET"
      + " reports = g.reports + excluded.reports,"
      + " occurrences = g.occurrences + excluded.occurrences,"
      + " first_seen = CASE WHEN excluded.first_seen < g.first_seen THEN excluded.first_seen ELSE g.first_seen END,"
      + " last_seen = CASE WHEN excluded.last_seen > g.last_seen THEN excluded.last_seen ELSE g.last_seen END,"
      + latest("latest_event_id") + latest("severity") + latest("app_name") + latest("environment")
      + latest("error_type") + latest("error_class") + latest("error_message")
      + " last_received = CASE WHEN excluded.last_received > g.last_received THEN excluded.last_received"
      + " ELSE g.last_received END";

  private static String latest(String column) {
    return " " + column + " = CASE WHEN excluded.last_received >= g.last_received THEN excluded." + column
        + " ELSE g." + column + " END,";
  }

  private final Map<String, Group> groups = new TreeMap<>();

  /** Counts a report the transaction inserted (not one it found already stored). */
  void add(NewReport n, long occurredAt, long firstSeen) {
    groups.computeIfAbsent(n.fingerprint(), f -> new Group()).add(n, occurredAt, firstSeen);
  }

  /** Writes the counted groups' rows on the transaction's connection. */
  void write(Connection c, PreparedStatements statements) throws SQLException {
    if (groups.isEmpty()) {
      return;
    }
    statements.with(c, UPSERT, ps -> {
      for (Map.Entry<String, Group> e : groups.entrySet()) {
        Group g = e.getValue();
        ErrorReport r = g.latest.report();
        ps.setString(1, e.getKey());
        ps.setLong(2, g.reports);
        ps.setLong(3, g.occurrences);
        ps.setLong(4, g.firstSeen);
        ps.setLong(5, g.lastSeen);
        ps.setLong(6, g.latest.receivedAt().toEpochMilli());
        ps.setString(7, g.latest.eventId());
        ps.setString(8, r.severity().wireName());
        Jdbc.setNullable(ps, 9, r.appName());
        Jdbc.setNullable(ps, 10, r.environment());
        Jdbc.setNullable(ps, 11, r.errorType());
        Jdbc.setNullable(ps, 12, r.errorClass() == null ? null : r.errorClass().wireName());
        ps.setString(13, r.errorMessage());
        if (groups.size() == 1) {
          ps.executeUpdate();
        } else {
          ps.addBatch();
        }
      }
      if (groups.size() > 1) {
        ps.executeBatch();
      }
      return null;
    });
  }

  private static final class Group {
    long reports;
    long occurrences;
    long firstSeen = Long.MAX_VALUE;
    long lastSeen = Long.MIN_VALUE;
    NewReport latest;

    void add(NewReport n, long occurredAt, long firstSeenAt) {
      reports++;
      occurrences += n.report().occurrences();
      firstSeen = Math.min(firstSeen, firstSeenAt);
      lastSeen = Math.max(lastSeen, occurredAt);
      // As the trigger did, row by row in insertion order: a later report received at the same time wins.
      if (latest == null || !n.receivedAt().isBefore(latest.receivedAt())) {
        latest = n;
      }
    }
  }
}
