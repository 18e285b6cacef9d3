package dev.jahiz.receiver.monitoring;

import dev.jahiz.receiver.store.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/** Webhook events and hourly aggregates in the receiver's database, in the same portable JDBC as the reports. */
public final class MonitoringStore {
  private static final int MAX_TEXT = 2048;

  private final Jdbc jdbc;

  public MonitoringStore(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  /** Writes the events in one transaction. */
  public void insert(List<WebhookEvent> events) {
    String sql = "INSERT INTO webhook_events (occurred_at, kind, source, event_type, status, processing_ms,"
        + " response_status, error_type, error_message, ip_address, signature_valid)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    write(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (WebhookEvent e : events) {
          ps.setLong(1, e.at().toEpochMilli());
          ps.setString(2, e.kind() == WebhookEvent.Kind.REQUEST ? "request" : "delivery");
          ps.setString(3, clip(e.source(), 256));
          ps.setString(4, e.type());
          ps.setString(5, e.success() ? "success" : "failed");
          if (e.processingMs() == null) {
            ps.setNull(6, Types.DOUBLE);
          } else {
            ps.setDouble(6, e.processingMs());
          }
          if (e.responseStatus() == null) {
            ps.setNull(7, Types.INTEGER);
          } else {
            ps.setInt(7, e.responseStatus());
          }
          ps.setString(8, clip(e.errorType(), 64));
          ps.setString(9, clip(e.errorMessage(), MAX_TEXT));
          ps.setString(10, clip(e.ipAddress(), 64));
          if (e.signatureValid() == null) {
            ps.setNull(11, Types.INTEGER);
          } else {
            ps.setInt(11, e.signatureValid() ? 1 : 0);
          }
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
  }

  /** Every source's tally of events in {@code [from, to)}, by source name. */
  public Map<String, Tally> tally(Instant from, Instant to) {
    return tally(from, to, null);
  }

  /** One source's tally, or everything when {@code source} is null. */
  public Map<String, Tally> tally(Instant from, Instant to, String source) {
    String sql = "SELECT occurred_at, kind, source, event_type, status, processing_ms, error_type, ip_address"
        + " FROM webhook_events WHERE occurred_at >= ? AND occurred_at < ?" + (source == null ? "" : " AND source = ?");
    return read(c -> {
      Map<String, Tally> out = new TreeMap<>();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        bindSpan(ps, from, to, source);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            double ms = rs.getDouble(6);
            Double processing = rs.wasNull() ? null : ms;
            WebhookEvent e = new WebhookEvent(Instant.ofEpochMilli(rs.getLong(1)),
                "request".equals(rs.getString(2)) ? WebhookEvent.Kind.REQUEST : WebhookEvent.Kind.DELIVERY,
                rs.getString(3), rs.getString(4), "success".equals(rs.getString(5)), processing, null,
                rs.getString(7), null, rs.getString(8), null);
            out.computeIfAbsent(e.source(), Tally::new).add(e);
          }
        }
      }
      return out;
    });
  }

  /** The sources that sent requests in {@code [from, to)}, with how many. */
  public Map<String, Integer> requestCounts(Instant from, Instant to) {
    String sql = "SELECT source, COUNT(*) FROM webhook_events WHERE kind = 'request' AND occurred_at >= ?"
        + " AND occurred_at < ? GROUP BY source";
    return read(c -> {
      Map<String, Integer> out = new TreeMap<>();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setLong(1, from.toEpochMilli());
        ps.setLong(2, to.toEpochMilli());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getString(1), rs.getInt(2));
          }
        }
      }
      return out;
    });
  }

  /** The last request of a source before {@code to}. */
  public Optional<Instant> lastRequest(String source, Instant to) {
    return instant("SELECT MAX(occurred_at) FROM webhook_events WHERE kind = 'request' AND source = ?"
        + " AND occurred_at < ?", source, to.toEpochMilli());
  }

  /** The last delivery attempt Telegram confirmed. */
  public Optional<Instant> lastDeliverySuccess() {
    return instant("SELECT MAX(occurred_at) FROM webhook_events WHERE kind = 'delivery' AND status = 'success'");
  }

  /** The first failed delivery attempt after {@code after}. */
  public Optional<Instant> firstDeliveryFailureAfter(Instant after) {
    return instant("SELECT MIN(occurred_at) FROM webhook_events WHERE kind = 'delivery' AND status = 'failed'"
        + " AND occurred_at > ?", after.toEpochMilli());
  }

  /** Why the last failed delivery attempt failed. */
  public Optional<String> lastDeliveryError() {
    return read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT error_message FROM webhook_events"
          + " WHERE kind = 'delivery' AND status = 'failed' ORDER BY occurred_at DESC LIMIT 1");
          ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
      }
    });
  }

  /** The first hour not aggregated yet: after the last one aggregated, and no earlier than the oldest event. */
  public Optional<Instant> nextHourToAggregate() {
    Optional<Instant> oldest = instant("SELECT MIN(occurred_at) FROM webhook_events").map(MonitoringStore::hourOf);
    Optional<Instant> next = instant("SELECT MAX(hour_start) FROM webhook_metrics").map(h -> h.plusSeconds(3600));
    if (oldest.isEmpty() || next.isEmpty()) {
      return oldest.or(() -> next);
    }
    return Optional.of(oldest.get().isAfter(next.get()) ? oldest.get() : next.get());
  }

  /** Replaces the aggregates of the hour starting at {@code hourStart} with these tallies. */
  public void saveHour(Instant hourStart, Collection<Tally> tallies) {
    String sql = "INSERT INTO webhook_metrics (source, hour_start, requests_received, requests_processed,"
        + " requests_failed, avg_processing_time_ms, p95_processing_time_ms, p99_processing_time_ms, responses_sent,"
        + " signature_validation_failures, processing_errors) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    write(c -> {
      try (PreparedStatement delete = c.prepareStatement("DELETE FROM webhook_metrics WHERE hour_start = ?")) {
        delete.setLong(1, hourStart.toEpochMilli());
        delete.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (Tally t : tallies) {
          ps.setString(1, clip(t.source(), 256));
          ps.setLong(2, hourStart.toEpochMilli());
          ps.setInt(3, t.requests());
          ps.setInt(4, t.processed());
          ps.setInt(5, t.failed());
          setDouble(ps, 6, t.averageMs());
          setDouble(ps, 7, t.percentileMs(0.95));
          setDouble(ps, 8, t.percentileMs(0.99));
          ps.setInt(9, t.responsesSent());
          ps.setInt(10, t.signatureFailures());
          ps.setInt(11, t.processingErrors());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
  }

  /** Hourly aggregates of hours starting in {@code [from, to)}, oldest first; all sources when null. */
  public List<Map<String, Object>> hourly(String source, Instant from, Instant to) {
    String sql = "SELECT source, hour_start, requests_received, requests_processed, requests_failed,"
        + " avg_processing_time_ms, p95_processing_time_ms, p99_processing_time_ms, responses_sent,"
        + " signature_validation_failures, processing_errors FROM webhook_metrics WHERE hour_start >= ?"
        + " AND hour_start < ?" + (source == null ? "" : " AND source = ?") + " ORDER BY hour_start, source";
    return read(c -> {
      List<Map<String, Object>> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        bindSpan(ps, from, to, source);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Instant hour = Instant.ofEpochMilli(rs.getLong(2));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("source", rs.getString(1));
            row.put("date", hour.atOffset(ZoneOffset.UTC).toLocalDate().toString());
            row.put("hour", hour.atOffset(ZoneOffset.UTC).getHour());
            row.put("hour_start", hour.toString());
            row.put("requests_received", rs.getInt(3));
            row.put("requests_processed", rs.getInt(4));
            row.put("requests_failed", rs.getInt(5));
            row.put("avg_processing_time_ms", Tally.round(nullableDouble(rs, 6)));
            row.put("p95_processing_time_ms", Tally.round(nullableDouble(rs, 7)));
            row.put("p99_processing_time_ms", Tally.round(nullableDouble(rs, 8)));
            row.put("responses_sent", rs.getInt(9));
            row.put("signature_validation_failures", rs.getInt(10));
            row.put("processing_errors", rs.getInt(11));
            out.add(row);
          }
        }
      }
      return out;
    });
  }

  /** Alert conditions in force, with when each was announced. */
  public Map<String, Instant> activeAlerts() {
    return read(c -> {
      Map<String, Instant> out = new TreeMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT alert_key, started_at FROM webhook_alerts");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)));
        }
      }
      return out;
    });
  }

  public void alertStarted(String key, Instant at) {
    write(c -> {
      try (PreparedStatement delete = c.prepareStatement("DELETE FROM webhook_alerts WHERE alert_key = ?");
          PreparedStatement insert = c.prepareStatement(
              "INSERT INTO webhook_alerts (alert_key, started_at) VALUES (?, ?)")) {
        delete.setString(1, key);
        delete.executeUpdate();
        insert.setString(1, key);
        insert.setLong(2, at.toEpochMilli());
        insert.executeUpdate();
      }
      return null;
    });
  }

  public void alertEnded(String key) {
    write(c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM webhook_alerts WHERE alert_key = ?")) {
        ps.setString(1, key);
        ps.executeUpdate();
      }
      return null;
    });
  }

  public int deleteEventsBefore(Instant cutoff) {
    return delete("DELETE FROM webhook_events WHERE occurred_at < ?", cutoff);
  }

  public int deleteMetricsBefore(Instant cutoff) {
    return delete("DELETE FROM webhook_metrics WHERE hour_start < ?", cutoff);
  }

  static Instant hourOf(Instant t) {
    return Instant.ofEpochSecond(t.getEpochSecond() - Math.floorMod(t.getEpochSecond(), 3600));
  }

  private int delete(String sql, Instant cutoff) {
    return write(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setLong(1, cutoff.toEpochMilli());
        return ps.executeUpdate();
      }
    });
  }

  private Optional<Instant> instant(String sql, Object... args) {
    return read(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < args.length; i++) {
          ps.setObject(i + 1, args[i]);
        }
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            long v = rs.getLong(1);
            if (!rs.wasNull()) {
              return Optional.of(Instant.ofEpochMilli(v));
            }
          }
          return Optional.empty();
        }
      }
    });
  }

  /** Binds a query's {@code [from, to)} and, when given, its source. */
  private static void bindSpan(PreparedStatement ps, Instant from, Instant to, String source) throws SQLException {
    ps.setLong(1, from.toEpochMilli());
    ps.setLong(2, to.toEpochMilli());
    if (source != null) {
      ps.setString(3, source);
    }
  }

  private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }

  private static void setDouble(PreparedStatement ps, int index, Double value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.DOUBLE);
    } else {
      ps.setDouble(index, value);
    }
  }

  private static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  private <T> T read(Jdbc.Work<T> work) {
    return jdbc.read(work);
  }

  private <T> T write(Jdbc.Work<T> work) {
    return jdbc.write(work);
  }
}
