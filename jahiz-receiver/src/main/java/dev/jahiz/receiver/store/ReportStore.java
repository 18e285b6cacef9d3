package dev.jahiz.receiver.store;

import dev.jahiz.report.ErrorReport;
import dev.jahiz.report.ReportJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Stored reports and their delivery state, in plain JDBC with SQL that SQLite and PostgreSQL both
 * accept (but for {@code BEGIN IMMEDIATE}, which takes SQLite's write lock up front). Idempotency
 * rests on the primary key: a retried {@code event_id} is a no-op insert.
 */
public final class ReportStore {
  private static final String COLUMNS =
      "event_id, received_at, occurred_at, severity, app_name, environment, error_type, error_class, error_message,"
          + " fingerprint, occurrences, status, attempts, delivered_at, failure_reason";
  private static final int MAX_IN = 500;

  private final DataSource dataSource;
  private final Runnable beforeWrite;

  public ReportStore(DataSource dataSource) {
    this(dataSource, () -> {});
  }

  /** @param beforeWrite throws {@link StoreException} when writing must not be attempted */
  public ReportStore(DataSource dataSource, Runnable beforeWrite) {
    this.dataSource = dataSource;
    this.beforeWrite = beforeWrite;
  }

  /** Stores the reports in one transaction: all of them are durable when this returns, or none. */
  public List<Stored> insertAll(List<NewReport> reports) {
    String sql = "INSERT INTO reports (event_id, received_at, occurred_at, first_seen, occurrences, fingerprint,"
        + " severity, app_name, environment, error_type, error_message, report_json, status, attempts, error_class,"
        + " reply_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?) ON CONFLICT (event_id) DO NOTHING";
    return inTransaction(c -> {
      List<Stored> out = new ArrayList<>(reports.size());
      try (PreparedStatement ps = c.prepareStatement(sql)) {
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
          setNullable(ps, 8, r.appName());
          setNullable(ps, 9, r.environment());
          setNullable(ps, 10, r.errorType());
          ps.setString(11, r.errorMessage());
          ps.setString(12, ReportJson.toJsonString(r));
          ps.setString(13, n.status().dbName());
          setNullable(ps, 14, r.errorClass() == null ? null : r.errorClass().wireName());
          setNullable(ps, 15, n.replyTo());
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

  /** Every fingerprint with undelivered reports, oldest first. */
  public List<PendingGroup> pendingGroups() {
    String sql = "SELECT p.fingerprint, COUNT(*), MIN(p.received_at),"
        + " (SELECT MAX(d.delivered_at) FROM reports d WHERE d.fingerprint = p.fingerprint AND d.status = 'delivered')"
        + " FROM reports p WHERE p.status = 'pending' GROUP BY p.fingerprint ORDER BY MIN(p.received_at)";
    return query(c -> {
      List<PendingGroup> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long last = rs.getLong(4);
          out.add(new PendingGroup(rs.getString(1), rs.getInt(2), Instant.ofEpochMilli(rs.getLong(3)),
              rs.wasNull() || last == 0 ? null : Instant.ofEpochMilli(last)));
        }
      }
      return out;
    });
  }

  /**
   * Undelivered reports of one fingerprint, oldest first. A batch shares one receipt time, so the
   * occurrence time orders its reports; the last row is the most recent occurrence.
   */
  public List<PendingReport> pending(String fingerprint, int limit) {
    String sql = "SELECT event_id, received_at, first_seen, occurrences, reply_to FROM reports"
        + " WHERE fingerprint = ? AND status = 'pending' ORDER BY received_at, occurred_at, event_id LIMIT ?";
    return query(c -> {
      List<PendingReport> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, fingerprint);
        ps.setInt(2, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new PendingReport(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)),
                Instant.ofEpochMilli(rs.getLong(3)), rs.getLong(4), rs.getString(5)));
          }
        }
      }
      return out;
    });
  }

  /** The report's JSON as stored, or empty when it is gone (deleted by retention). */
  public Optional<String> reportJson(String eventId) {
    return query(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT report_json FROM reports WHERE event_id = ?")) {
        ps.setString(1, eventId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
      }
    });
  }

  /** Marks reports delivered, all in one transaction, so a crash leaves each either pending or delivered. */
  public void markDelivered(List<String> eventIds, Instant at) {
    markDelivered(eventIds, at, null);
  }

  /** As {@link #markDelivered(List, Instant)}, keeping the id the destination gave the message (null: none). */
  public void markDelivered(List<String> eventIds, Instant at, Long messageId) {
    update(eventIds, "UPDATE reports SET status = 'delivered', delivered_at = ?, message_id = ?, attempts = attempts + 1,"
        + " failure_reason = NULL WHERE status = 'pending' AND event_id IN ", ps -> {
          ps.setLong(1, at.toEpochMilli());
          if (messageId == null) {
            ps.setNull(2, Types.BIGINT);
          } else {
            ps.setLong(2, messageId);
          }
        }, 2);
  }

  /** The id of the last message that delivered reports of this fingerprint, when the destination gave one. */
  public Optional<Long> lastMessageId(String fingerprint) {
    return query(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT message_id FROM reports WHERE fingerprint = ?"
          + " AND status = 'delivered' AND message_id IS NOT NULL ORDER BY delivered_at DESC LIMIT 1")) {
        ps.setString(1, fingerprint);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
        }
      }
    });
  }

  /** Gives up on reports the destination refused for good. */
  public void markFailed(List<String> eventIds, String reason) {
    update(eventIds, "UPDATE reports SET status = 'failed', attempts = attempts + 1, failure_reason = ?"
        + " WHERE status = 'pending' AND event_id IN ", ps -> ps.setString(1, clip(reason)), 1);
  }

  /** Notes a failed attempt that will be retried, with why, for {@code GET /errors}. */
  public void recordRetry(List<String> eventIds, String reason) {
    update(eventIds, "UPDATE reports SET attempts = attempts + 1, failure_reason = ?"
        + " WHERE status = 'pending' AND event_id IN ", ps -> ps.setString(1, clip(reason)), 1);
  }

  public Backlog backlog() {
    return query(c -> {
      try (PreparedStatement ps = c.prepareStatement(
              "SELECT COUNT(*), MIN(received_at) FROM reports WHERE status = 'pending'");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        long count = rs.getLong(1);
        long oldest = rs.getLong(2);
        return new Backlog(count, rs.wasNull() ? null : Instant.ofEpochMilli(oldest));
      }
    });
  }

  public Page<ReportSummary> list(ReportQuery q) {
    List<Object> args = new ArrayList<>();
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    if (q.app() != null) {
      where.append(" AND app_name = ?");
      args.add(q.app());
    }
    if (q.environment() != null) {
      where.append(" AND environment = ?");
      args.add(q.environment());
    }
    if (q.severity() != null) {
      where.append(" AND severity = ?");
      args.add(q.severity());
    }
    if (q.fingerprint() != null) {
      where.append(" AND fingerprint = ?");
      args.add(q.fingerprint());
    }
    if (q.status() != null) {
      where.append(" AND status = ?");
      args.add(q.status());
    }
    if (q.errorClass() != null) {
      where.append(" AND error_class = ?");
      args.add(q.errorClass());
    }
    if (q.since() != null) {
      where.append(" AND occurred_at >= ?");
      args.add(q.since().toEpochMilli());
    }
    if (q.text() != null) {
      // LOWER + LIKE rather than ILIKE or FTS: the same on SQLite and PostgreSQL.
      where.append(" AND (LOWER(error_message) LIKE ? ESCAPE '\\' OR LOWER(COALESCE(error_type, '')) LIKE ? ESCAPE '\\')");
      String pattern = "%" + q.text().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
          .replace("_", "\\_") + "%";
      args.add(pattern);
      args.add(pattern);
    }
    return query(c -> {
      long total;
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM reports" + where)) {
        bind(ps, args);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          total = rs.getLong(1);
        }
      }
      List<ReportSummary> data = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM reports" + where
          + " ORDER BY received_at DESC, occurred_at DESC, event_id DESC LIMIT ? OFFSET ?")) {
        List<Object> paged = new ArrayList<>(args);
        paged.add(q.limit());
        paged.add(q.offset());
        bind(ps, paged);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            data.add(summary(rs));
          }
        }
      }
      return new Page<>(data, total, q.limit(), q.offset());
    });
  }

  /** The report's summary and its full JSON as received. */
  public Optional<Map.Entry<ReportSummary, String>> find(String eventId) {
    return query(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + ", report_json FROM reports WHERE event_id = ?")) {
        ps.setString(1, eventId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(Map.entry(summary(rs), rs.getString("report_json"))) : Optional.empty();
        }
      }
    });
  }

  /** Fingerprint groups, most recently received first; only reports of {@code errorClass} when it is not null. */
  public Page<GroupSummary> groups(String errorClass, int limit, int offset) {
    String where = errorClass == null ? "" : " WHERE error_class = ?";
    String sql = "SELECT g.fingerprint, g.occ, g.n, g.pending, g.first_seen, g.last_seen,"
        + " r.severity, r.app_name, r.error_type, r.error_message, r.event_id, r.error_class"
        + " FROM (SELECT fingerprint, SUM(occurrences) AS occ, COUNT(*) AS n,"
        + "   SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END) AS pending,"
        + "   MIN(first_seen) AS first_seen, MAX(occurred_at) AS last_seen, MAX(received_at) AS last_received"
        + "   FROM reports" + where + " GROUP BY fingerprint) g"
        + " JOIN reports r ON r.event_id = (SELECT l.event_id FROM reports l WHERE l.fingerprint = g.fingerprint"
        + (errorClass == null ? "" : " AND l.error_class = ?")
        + "   ORDER BY l.received_at DESC, l.occurred_at DESC, l.event_id DESC LIMIT 1)"
        + " ORDER BY g.last_received DESC, g.fingerprint LIMIT ? OFFSET ?";
    return query(c -> {
      long total;
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(DISTINCT fingerprint) FROM reports" + where)) {
        if (errorClass != null) {
          ps.setString(1, errorClass);
        }
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          total = rs.getLong(1);
        }
      }
      List<GroupSummary> data = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int i = 1;
        if (errorClass != null) {
          ps.setString(i++, errorClass);
          ps.setString(i++, errorClass);
        }
        ps.setInt(i++, limit);
        ps.setInt(i, offset);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            data.add(new GroupSummary(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                iso(rs.getLong(5)), iso(rs.getLong(6)), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(12), rs.getString(10), rs.getString(11)));
          }
        }
      }
      return new Page<>(data, total, limit, offset);
    });
  }

  public Stats stats() {
    return query(c -> {
      long total;
      long occurrences;
      long groups;
      String first;
      String last;
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), COALESCE(SUM(occurrences), 0),"
              + " COUNT(DISTINCT fingerprint), MIN(received_at), MAX(received_at) FROM reports");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        total = rs.getLong(1);
        occurrences = rs.getLong(2);
        groups = rs.getLong(3);
        long min = rs.getLong(4);
        first = rs.wasNull() ? null : iso(min);
        long max = rs.getLong(5);
        last = rs.wasNull() ? null : iso(max);
      }
      Map<String, Long> byStatus = new LinkedHashMap<>();
      for (DeliveryStatus s : DeliveryStatus.values()) {
        byStatus.put(s.dbName(), 0L);
      }
      byStatus.putAll(counts(c, "SELECT status, COUNT(*) FROM reports GROUP BY status ORDER BY status"));
      Map<String, Long> bySeverity =
          counts(c, "SELECT severity, COUNT(*) FROM reports GROUP BY severity ORDER BY COUNT(*) DESC, severity");
      List<Stats.AppCount> apps = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT app_name, COUNT(*) FROM reports"
              + " GROUP BY app_name ORDER BY COUNT(*) DESC, app_name LIMIT 10");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          apps.add(new Stats.AppCount(rs.getString(1), rs.getLong(2)));
        }
      }
      return new Stats(total, occurrences, groups, byStatus, bySeverity, apps, first, last);
    });
  }

  /** What a retention run removed: every report, and how many of them had never been delivered. */
  public record Expired(int deleted, int undelivered) {}

  /** Deletes reports received before the cutoff, whatever their status. */
  public Expired deleteReceivedBefore(Instant cutoff) {
    return inTransaction(c -> {
      int undelivered;
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT COUNT(*) FROM reports WHERE received_at < ? AND status IN ('pending', 'failed')")) {
        ps.setLong(1, cutoff.toEpochMilli());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          undelivered = rs.getInt(1);
        }
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM reports WHERE received_at < ?")) {
        ps.setLong(1, cutoff.toEpochMilli());
        return new Expired(ps.executeUpdate(), undelivered);
      }
    });
  }

  /** Proves the database accepts writes; throws {@link StoreException} when it does not. */
  public void checkWritable(Instant now) {
    inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE receiver_heartbeat SET checked_at = ? WHERE id = 1")) {
        ps.setLong(1, now.toEpochMilli());
        return ps.executeUpdate();
      }
    });
  }

  private static Map<String, Long> counts(Connection c, String sql) throws SQLException {
    Map<String, Long> out = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
    }
    return out;
  }

  private static ReportSummary summary(ResultSet rs) throws SQLException {
    long delivered = rs.getLong("delivered_at");
    boolean neverDelivered = rs.wasNull();
    return new ReportSummary(rs.getString("event_id"), iso(rs.getLong("received_at")), iso(rs.getLong("occurred_at")),
        rs.getString("severity"), rs.getString("app_name"), rs.getString("environment"), rs.getString("error_type"),
        rs.getString("error_class"), rs.getString("error_message"), rs.getString("fingerprint"),
        rs.getLong("occurrences"), rs.getString("status"),
        rs.getInt("attempts"), neverDelivered ? null : iso(delivered), rs.getString("failure_reason"));
  }

  private static String iso(long millis) {
    return Instant.ofEpochMilli(millis).toString();
  }

  private static String clip(String reason) {
    if (reason == null) {
      return null;
    }
    return reason.length() <= 2000 ? reason : reason.substring(0, 2000);
  }

  private static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, value);
    }
  }

  private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      ps.setObject(i + 1, args.get(i));
    }
  }

  private void update(List<String> ids, String sqlPrefix, Binder first, int firstCount) {
    if (ids.isEmpty()) {
      return;
    }
    inTransaction(c -> {
      for (int from = 0; from < ids.size(); from += MAX_IN) {
        List<String> chunk = ids.subList(from, Math.min(ids.size(), from + MAX_IN));
        String sql = sqlPrefix + "(" + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          first.bind(ps);
          for (int i = 0; i < chunk.size(); i++) {
            ps.setString(firstCount + i + 1, chunk.get(i));
          }
          ps.executeUpdate();
        }
      }
      return null;
    });
  }

  private <T> T query(Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new StoreException("database read failed: " + e.getMessage(), e);
    }
  }

  private <T> T inTransaction(WriteTransaction.Work<T> work) {
    beforeWrite.run();
    try {
      return WriteTransaction.run(dataSource, work);
    } catch (SQLException e) {
      throw new StoreException("database write failed: " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }
}
