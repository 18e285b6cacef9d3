package dev.jahiz.receiver.store;

import dev.jahiz.report.ErrorReport;
import dev.jahiz.report.ReportJson;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores received reports. Idempotency rests on the primary key: a retried {@code event_id} is a
 * no-op insert, whichever receiver sharing the database took the retry.
 */
public final class ReportInserts {
  private static final String INSERT = "INSERT INTO reports (event_id, received_at, occurred_at, first_seen,"
      + " occurrences, fingerprint, severity, app_name, environment, error_type, error_message, report_json, status,"
      + " attempts, error_class, reply_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)"
      + " ON CONFLICT (event_id) DO NOTHING";

  private final Jdbc jdbc;

  public ReportInserts(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores the reports in one transaction: all of them are durable when this returns, or none. */
  public List<Stored> insertAll(List<NewReport> reports) {
    return jdbc.write(c -> {
      List<Stored> out = new ArrayList<>(reports.size());
      try (PreparedStatement ps = c.prepareStatement(INSERT)) {
        for (NewReport n : reports) {
          ErrorReport r = n.report();
          Instant occurred = r.timestamp() == null ? n.receivedAt() : r.timestamp();
          Instant firstSeen = r.firstSeen() == null ? occurred : r.firstSeen();
          ps.setString(1, n.eventId());
          ps.setLong(2, n.receivedAt().toEpochMilli());
          ps.setLong(3, occurred.toEpochMilli());
          ps.setLong(4, firstSeen.toEpochMilli());
          ps.setLong(5, r.occurrences());
          ps.setString(6, n.fingerprint());
          ps.setString(7, r.severity().wireName());
          Jdbc.setNullable(ps, 8, r.appName());
          Jdbc.setNullable(ps, 9, r.environment());
          Jdbc.setNullable(ps, 10, r.errorType());
          ps.setString(11, r.errorMessage());
          ps.setString(12, ReportJson.toJsonString(r));
          ps.setString(13, n.status().dbName());
          Jdbc.setNullable(ps, 14, r.errorClass() == null ? null : r.errorClass().wireName());
          Jdbc.setNullable(ps, 15, n.replyTo());
          out.add(new Stored(n.eventId(), n.fingerprint(), ps.executeUpdate() == 0,
              n.status() == DeliveryStatus.FILTERED));
        }
      }
      return out;
    });
  }

  public Stored insert(NewReport report) {
    return insertAll(List.of(report)).get(0);
  }
}
