package dev.jahiz.receiver.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code GET /stats} tells: totals over every stored report, by status, severity and app. */
public final class ReportStatistics {
  private final Jdbc jdbc;

  public ReportStatistics(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  public Stats stats() {
    return jdbc.read(c -> {
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
        first = rs.wasNull() ? null : Jdbc.iso(min);
        long max = rs.getLong(5);
        last = rs.wasNull() ? null : Jdbc.iso(max);
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
              + " GROUP BY app_name ORDER BY COUNT(*) DESC, CASE WHEN app_name IS NULL THEN 0 ELSE 1 END, app_name LIMIT 10");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          apps.add(new Stats.AppCount(rs.getString(1), rs.getLong(2)));
        }
      }
      return new Stats(total, occurrences, groups, byStatus, bySeverity, apps, first, last);
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
}
