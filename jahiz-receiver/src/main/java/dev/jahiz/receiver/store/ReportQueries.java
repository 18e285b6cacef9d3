package dev.jahiz.receiver.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code GET /errors} and {@code GET /groups} read: filtered pages of reports, one report, and
 * fingerprint groups. Every order ends on a unique column, so any receiver sharing the database
 * answers the same page.
 */
public final class ReportQueries {
  private static final String COLUMNS =
      "event_id, received_at, occurred_at, severity, app_name, environment, error_type, error_class, error_message,"
          + " fingerprint, occurrences, status, attempts, delivered_at, failure_reason";

  private final Jdbc jdbc;

  public ReportQueries(Jdbc jdbc) {
    this.jdbc = jdbc;
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
    return jdbc.read(c -> {
      long total;
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM reports" + where)) {
        Jdbc.bind(ps, args.toArray());
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
        Jdbc.bind(ps, paged.toArray());
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
    return jdbc.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + ", report_json FROM "
          + ReportBodies.REPORTS_WITH_JSON + " WHERE event_id = ?")) {
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
    return jdbc.read(c -> {
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
                Jdbc.iso(rs.getLong(5)), Jdbc.iso(rs.getLong(6)), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(12), rs.getString(10), rs.getString(11)));
          }
        }
      }
      return new Page<>(data, total, limit, offset);
    });
  }

  private static ReportSummary summary(ResultSet rs) throws SQLException {
    long delivered = rs.getLong("delivered_at");
    boolean neverDelivered = rs.wasNull();
    return new ReportSummary(rs.getString("event_id"), Jdbc.iso(rs.getLong("received_at")), Jdbc.iso(rs.getLong("occurred_at")),
        rs.getString("severity"), rs.getString("app_name"), rs.getString("environment"), rs.getString("error_type"),
        rs.getString("error_class"), rs.getString("error_message"), rs.getString("fingerprint"),
        rs.getLong("occurrences"), rs.getString("status"),
        rs.getInt("attempts"), neverDelivered ? null : Jdbc.iso(delivered), rs.getString("failure_reason"));
  }
}
