package dev.jahiz.receiver.store;

import dev.jahiz.report.ErrorReport;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Stores received reports. Idempotency rests on the primary key: a retried {@code event_id} is a
 * no-op insert, whichever receiver sharing the database took the retry.
 *
 * <p>A report's JSON goes to {@code report_bodies} under the id its row was given ({@link ReportBodies}).
 *
 * <p>A transaction inserts its reports ordered by fingerprint, then event id (each insert locks its
 * {@code event_id}), then updates the inbox's summary row of each failure it inserted reports of, in
 * fingerprint order ({@link SummaryUpdates}): two receivers storing batches of the same failures lock
 * them in the same order, and one waits for the other instead of deadlocking.
 */
public final class ReportInserts {
  private static final String INSERT = "INSERT INTO reports (event_id, received_at, occurred_at, first_seen,"
      + " occurrences, fingerprint, severity, app_name, environment, error_type, error_message, status,"
      + " attempts, error_class, reply_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)"
      + " ON CONFLICT (event_id) DO NOTHING RETURNING id";

  private final Jdbc jdbc;
  private final PreparedStatements statements = new PreparedStatements();

  public ReportInserts(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores the reports in one transaction: all of them are durable when this returns, or none. */
  public List<Stored> insertAll(List<NewReport> reports) {
    return jdbc.write(c -> {
      Stored[] out = new Stored[reports.size()];
      SummaryUpdates summaries = new SummaryUpdates();
      statements.with(c, INSERT, ps -> statements.with(c, ReportBodies.INSERT, bodies -> {
        for (int i : inLockOrder(reports)) {
          out[i] = insert(ps, bodies, reports.get(i), summaries);
        }
        return null;
      }));
      summaries.write(c, statements);
      return List.of(out);
    });
  }

  private static int[] inLockOrder(List<NewReport> reports) {
    if (reports.size() == 1) {
      return new int[] {0};
    }
    Comparator<Integer> order = Comparator.comparing((Integer i) -> reports.get(i).fingerprint())
        .thenComparing(i -> reports.get(i).eventId());
    return IntStream.range(0, reports.size()).boxed().sorted(order).mapToInt(Integer::intValue).toArray();
  }

  private static Stored insert(PreparedStatement ps, PreparedStatement bodies, NewReport n, SummaryUpdates summaries)
      throws SQLException {
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
    ps.setString(12, n.status().dbName());
    Jdbc.setNullable(ps, 13, r.errorClass() == null ? null : r.errorClass().wireName());
    Jdbc.setNullable(ps, 14, n.replyTo());
    boolean duplicate;
    try (ResultSet id = ps.executeQuery()) {
      duplicate = !id.next(); // no row: the event id was stored already
      if (!duplicate) {
        bodies.setLong(1, id.getLong(1));
        bodies.setString(2, n.json());
        bodies.executeUpdate();
      }
    }
    if (!duplicate) {
      summaries.add(n, occurred.toEpochMilli(), firstSeen.toEpochMilli());
    }
    return new Stored(n.eventId(), n.fingerprint(), duplicate, n.status() == DeliveryStatus.FILTERED);
  }

  public Stored insert(NewReport report) {
    return insertAll(List.of(report)).get(0);
  }
}
