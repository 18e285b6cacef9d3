package dev.jahiz.receiver.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Undelivered reports as the delivery worker takes them, and what became of each attempt. */
public final class DeliveryQueue {
  /**
   * Reports updated by one statement, in one transaction: ~120 KB of log to sync while SQLite's write
   * lock is held. Slices of 200 rows holding their JSON (~800 KB) showed in the p99 of requests
   * (40-60 ms); since the JSON has its own table (V12) a row is ~300 bytes.
   */
  static final int SLICE = 200;

  private final Jdbc jdbc;

  public DeliveryQueue(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Every fingerprint with undelivered reports, oldest first. Read as a skip scan of the index on
   * (status, fingerprint, received_at): one seek per pending fingerprint, so a pass costs the same
   * with ten pending reports or a million (a GROUP BY over the pending rows grew with the backlog).
   */
  public List<PendingGroup> pendingGroups() {
    String sql = "WITH RECURSIVE f (fp) AS ("
        + " SELECT MIN(fingerprint) FROM reports WHERE status = 'pending'"
        + " UNION ALL SELECT (SELECT MIN(r.fingerprint) FROM reports r WHERE r.status = 'pending' AND r.fingerprint > f.fp)"
        + " FROM f WHERE f.fp IS NOT NULL)"
        + " SELECT fp,"
        + " (SELECT MIN(o.received_at) FROM reports o WHERE o.status = 'pending' AND o.fingerprint = f.fp) AS oldest,"
        + " (SELECT MAX(d.delivered_at) FROM reports d WHERE d.fingerprint = f.fp AND d.status = 'delivered')"
        + " FROM f WHERE fp IS NOT NULL ORDER BY oldest, fp";
    return jdbc.read(c -> {
      List<PendingGroup> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long oldest = rs.getLong(2);
          if (rs.wasNull()) {
            continue; // delivered between the two seeks
          }
          Instant last = Jdbc.instant(rs, 3);
          out.add(new PendingGroup(rs.getString(1), Instant.ofEpochMilli(oldest),
              last == null || last.toEpochMilli() == 0 ? null : last));
        }
      }
      return out;
    });
  }

  /** When reports of this fingerprint last reached the chat, as another receiver may have just done. */
  public Optional<Instant> lastDelivered(String fingerprint) {
    return jdbc.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT MAX(delivered_at) FROM reports WHERE fingerprint = ? AND status = 'delivered'")) {
        ps.setString(1, fingerprint);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return Optional.ofNullable(Jdbc.instant(rs, 1));
        }
      }
    });
  }

  /**
   * Undelivered reports of one fingerprint, oldest first. A batch shares one receipt time, so the
   * occurrence time orders its reports; the last row is the most recent occurrence.
   */
  public List<PendingReport> pending(String fingerprint, int limit) {
    String sql = "SELECT event_id, received_at, first_seen, occurrences, reply_to FROM reports"
        + " WHERE fingerprint = ? AND status = 'pending' ORDER BY received_at, occurred_at, event_id LIMIT ?";
    return jdbc.read(c -> {
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
    return jdbc.read(c -> ReportBodies.json(c, eventId));
  }

  /**
   * Marks reports delivered, in transactions of {@link #SLICE} reports: a storm's digest of thousands
   * held SQLite's one write lock for as long as it took, and every request waited (p99 0.45 s). The
   * writer storing reports gets its turn between slices ({@link Dialect#writeTurn}). A crash between
   * two slices leaves the rest of the digest pending: it goes out again with the next one.
   */
  public void markDelivered(List<String> eventIds, Instant at) {
    markDelivered(eventIds, at, null);
  }

  /** As {@link #markDelivered(List, Instant)}, keeping the id the destination gave the message (null: none). */
  public void markDelivered(List<String> eventIds, Instant at, Long messageId) {
    update(eventIds, "UPDATE reports SET status = 'delivered', delivered_at = ?, message_id = ?, attempts = attempts + 1,"
        + " failure_reason = NULL", ps -> {
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
    return jdbc.read(c -> {
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
    update(eventIds, "UPDATE reports SET status = 'failed', attempts = attempts + 1, failure_reason = ?",
        ps -> ps.setString(1, clip(reason)), 1);
  }

  /** Notes a failed attempt that will be retried, with why, for {@code GET /errors}. */
  public void recordRetry(List<String> eventIds, String reason) {
    update(eventIds, "UPDATE reports SET attempts = attempts + 1, failure_reason = ?",
        ps -> ps.setString(1, clip(reason)), 1);
  }

  public Backlog backlog() {
    return jdbc.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(
              "SELECT COUNT(*), MIN(received_at) FROM reports WHERE status = 'pending'");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Backlog(rs.getLong(1), Jdbc.instant(rs, 2));
      }
    });
  }

  private static String clip(String reason) {
    if (reason == null) {
      return null;
    }
    return reason.length() <= 2000 ? reason : reason.substring(0, 2000);
  }

  /**
   * The {@code WHERE} clause of an update to the still pending ones of these reports: each read by its
   * id, never by scanning the pending reports (see {@link Dialect#unindexed}), so marking a digest of
   * a storm costs the same whatever its backlog.
   *
   * @param ids the ids the statement binds, after its other parameters
   */
  public static String pendingByIds(Connection c, List<String> ids) throws SQLException {
    return " WHERE event_id IN (" + Jdbc.placeholders(ids) + ") AND "
        + Dialect.of(c).unindexed("status") + " = 'pending'";
  }

  private void update(List<String> ids, String sqlPrefix, Jdbc.Binder first, int firstCount) {
    if (ids.isEmpty()) {
      return;
    }
    for (int from = 0; from < ids.size(); from += SLICE) {
      List<String> slice = ids.subList(from, Math.min(ids.size(), from + SLICE));
      jdbc.write(c -> {
        try (PreparedStatement ps = c.prepareStatement(sqlPrefix + pendingByIds(c, slice))) {
          first.bind(ps);
          for (int i = 0; i < slice.size(); i++) {
            ps.setString(firstCount + i + 1, slice.get(i));
          }
          return ps.executeUpdate();
        }
      });
    }
  }
}
