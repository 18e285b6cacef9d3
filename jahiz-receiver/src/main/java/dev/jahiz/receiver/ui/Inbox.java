package dev.jahiz.receiver.ui;

import dev.jahiz.receiver.triage.GroupState;
import dev.jahiz.receiver.store.Jdbc;
import dev.jahiz.receiver.store.ReportBodies;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What the web inbox reads: groups from {@code group_summaries} (kept as reports are stored and
 * deleted, so listing never reads every report) with their triage state, filtered and sorted in SQL; per-hour occurrence
 * counts for charts; a group's occurrences, paged.
 */
public final class Inbox {
  private static final String STATE = "CASE WHEN gs.resolved_at IS NOT NULL AND s.last_received <= gs.resolved_at"
      + " THEN 'resolved' WHEN gs.muted_at IS NOT NULL AND (gs.muted_until IS NULL OR gs.muted_until > ?)"
      + " THEN 'muted' ELSE 'open' END";
  private static final String GROUPS = "SELECT * FROM (SELECT s.fingerprint, s.reports, s.occurrences, s.first_seen,"
      + " s.last_seen, s.last_received, s.latest_event_id, s.severity, s.app_name, s.environment, s.error_type,"
      + " s.error_class, s.error_message, gs.resolved_at, gs.resolved_by, gs.muted_at, gs.muted_until, gs.muted_by, "
      + STATE + " AS state FROM group_summaries s LEFT JOIN group_states gs ON gs.fingerprint = s.fingerprint) g";
  private static final Map<String, String> ORDER = Map.of(
      "recent", "last_seen DESC, fingerprint",
      "frequent", "occurrences DESC, last_seen DESC, fingerprint",
      "new", "first_seen DESC, fingerprint",
      "oldest", "first_seen, fingerprint");

  private final Jdbc db;

  public Inbox(DataSource dataSource) {
    this.db = new Jdbc(dataSource);
  }

  /** One group as the inbox lists it. */
  public record Group(String fingerprint, long reports, long occurrences, Instant firstSeen, Instant lastSeen,
      String latestEventId, String severity, String appName, String environment, String errorType, String errorClass,
      String errorMessage, GroupState state) {}

  public record Listing(List<Group> groups, long total, Map<String, long[]> hourly) {}

  public record Occurrence(String eventId, Instant occurredAt, String status, String reportJson) {}

  /** A page of groups and, for each, its occurrences in each of the last 24 hours. */
  public Listing list(InboxQuery q, Instant now) {
    List<Object> args = new ArrayList<>();
    args.add(now.toEpochMilli());
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    filter(where, args, "app_name", q.app());
    filter(where, args, "environment", q.environment());
    filter(where, args, "severity", q.severity());
    filter(where, args, "state", q.state());
    if (q.text() != null) {
      String pattern = "%" + q.text().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
          .replace("_", "\\_") + "%";
      where.append(" AND (LOWER(error_message) LIKE ? ESCAPE '\\' OR LOWER(COALESCE(error_type, '')) LIKE ? ESCAPE '\\'"
          + " OR LOWER(fingerprint) LIKE ? ESCAPE '\\')");
      Collections.addAll(args, pattern, pattern, pattern);
    }
    return read(c -> {
      long total;
      try (PreparedStatement ps = bind(c.prepareStatement("SELECT COUNT(*) FROM (" + GROUPS + where + ") t"), args);
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        total = rs.getLong(1);
      }
      List<Object> paged = new ArrayList<>(args);
      paged.add(InboxQuery.PAGE_SIZE);
      paged.add(q.offset());
      List<Group> groups = new ArrayList<>();
      try (PreparedStatement ps = bind(c.prepareStatement(GROUPS + where + " ORDER BY " + ORDER.get(q.sort())
          + " LIMIT ? OFFSET ?"), paged); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          groups.add(group(rs));
        }
      }
      Map<String, long[]> hourly = hourly(c, groups.stream().map(Group::fingerprint).toList(), now, 24);
      return new Listing(groups, total, hourly);
    });
  }

  public Optional<Group> group(String fingerprint, Instant now) {
    return read(c -> {
      try (PreparedStatement ps = bind(c.prepareStatement(GROUPS + " WHERE fingerprint = ?"),
          List.of(now.toEpochMilli(), fingerprint)); ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(group(rs)) : Optional.empty();
      }
    });
  }

  /** The group's occurrences in each of the {@code hours} hours up to now, oldest first. */
  public long[] hourly(String fingerprint, Instant now, int hours) {
    return read(c -> hourly(c, List.of(fingerprint), now, hours)).get(fingerprint);
  }

  /** The group's stored reports, most recent first. */
  public List<Occurrence> occurrences(String fingerprint, int limit, int offset) {
    return read(c -> {
      List<Occurrence> out = new ArrayList<>();
      try (PreparedStatement ps = bind(c.prepareStatement("SELECT event_id, occurred_at, status, report_json"
          + " FROM " + ReportBodies.REPORTS_WITH_JSON
          + " WHERE fingerprint = ? ORDER BY occurred_at DESC, event_id DESC LIMIT ? OFFSET ?"),
          List.of(fingerprint, limit, offset)); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Occurrence(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
              rs.getString(4)));
        }
      }
      return out;
    });
  }

  public Optional<String> reportJson(String eventId) {
    return read(c -> ReportBodies.json(c, eventId));
  }

  /** Apps and environments seen, for the filter choices. */
  public List<String> distinct(String column) {
    if (!column.equals("app_name") && !column.equals("environment")) {
      throw new IllegalArgumentException(column);
    }
    return read(c -> {
      List<String> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT " + column + " FROM group_summaries WHERE "
          + column + " IS NOT NULL ORDER BY " + column + " LIMIT 200"); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    });
  }

  private static Map<String, long[]> hourly(Connection c, List<String> fingerprints, Instant now, int hours)
      throws SQLException {
    Map<String, long[]> out = new HashMap<>();
    fingerprints.forEach(f -> out.put(f, new long[hours]));
    if (fingerprints.isEmpty()) {
      return out;
    }
    long hour = Duration.ofHours(1).toMillis();
    long end = (now.toEpochMilli() / hour + 1) * hour;
    long start = end - hours * hour;
    List<Object> args = new ArrayList<>();
    args.add(start);
    args.add(hour);
    args.addAll(fingerprints);
    args.add(start);
    args.add(end);
    String in = Jdbc.placeholders(fingerprints);
    try (PreparedStatement ps = bind(c.prepareStatement("SELECT fingerprint, (occurred_at - ?) / ?, SUM(occurrences)"
        + " FROM reports WHERE fingerprint IN (" + in + ") AND occurred_at >= ? AND occurred_at < ?"
        // By position: PostgreSQL does not match a parameterised expression in GROUP BY with the SELECT's.
        + " GROUP BY 1, 2"), args); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        int bucket = (int) rs.getLong(2);
        if (bucket >= 0 && bucket < hours) {
          out.get(rs.getString(1))[bucket] += rs.getLong(3);
        }
      }
    }
    return out;
  }

  private static void filter(StringBuilder where, List<Object> args, String column, String value) {
    if (value != null) {
      where.append(" AND ").append(column).append(" = ?");
      args.add(value);
    }
  }

  private static Group group(ResultSet rs) throws SQLException {
    Instant lastReceived = Instant.ofEpochMilli(rs.getLong("last_received"));
    GroupState state = new GroupState(rs.getString("fingerprint"), instant(rs, "resolved_at"),
        rs.getString("resolved_by"), instant(rs, "muted_at"), instant(rs, "muted_until"), rs.getString("muted_by"),
        lastReceived);
    return new Group(rs.getString("fingerprint"), rs.getLong("reports"), rs.getLong("occurrences"),
        Instant.ofEpochMilli(rs.getLong("first_seen")), Instant.ofEpochMilli(rs.getLong("last_seen")),
        rs.getString("latest_event_id"), rs.getString("severity"), rs.getString("app_name"),
        rs.getString("environment"), rs.getString("error_type"), rs.getString("error_class"),
        rs.getString("error_message"), state);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    return Jdbc.instant(rs, rs.findColumn(column));
  }

  private static PreparedStatement bind(PreparedStatement ps, List<?> args) throws SQLException {
    return Jdbc.bind(ps, args.toArray());
  }

  private <T> T read(Jdbc.Work<T> work) {
    return db.read(work);
  }
}
