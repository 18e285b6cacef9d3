package dev.jahiz.receiver.triage;

import dev.jahiz.receiver.store.DeliveryQueue;
import dev.jahiz.receiver.store.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** The stored triage state of fingerprint groups ({@code group_states}), in SQL SQLite and PostgreSQL share. */
public final class GroupStates {
  private static final int MAX_IN = 500;
  private static final String SELECT = "SELECT g.fingerprint, s.resolved_at, s.resolved_by, s.muted_at,"
      + " s.muted_until, s.muted_by, g.last_received FROM (SELECT fingerprint, MAX(received_at) AS last_received"
      + " FROM reports WHERE fingerprint IN (%s) GROUP BY fingerprint) g"
      + " LEFT JOIN group_states s ON s.fingerprint = g.fingerprint";

  private final Jdbc db;

  public GroupStates(DataSource dataSource) {
    this.db = new Jdbc(dataSource);
  }

  /** The group's state; open when nobody acted on it. */
  public GroupState of(String fingerprint) {
    return of(List.of(fingerprint)).get(fingerprint);
  }

  /** The state of every given group, open ones included. */
  public Map<String, GroupState> of(Collection<String> fingerprints) {
    List<String> all = List.copyOf(new java.util.LinkedHashSet<>(fingerprints));
    Map<String, GroupState> out = new HashMap<>();
    for (String fp : all) {
      out.put(fp, GroupState.open(fp));
    }
    for (int from = 0; from < all.size(); from += MAX_IN) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + MAX_IN));
      db.read(c -> {
        try (PreparedStatement ps = Jdbc.bind(c.prepareStatement(SELECT.formatted(Jdbc.placeholders(chunk))),
            chunk.toArray()); ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getString(1), new GroupState(rs.getString(1), Jdbc.instant(rs, 2), rs.getString(3),
                Jdbc.instant(rs, 4), Jdbc.instant(rs, 5), rs.getString(6), Jdbc.instant(rs, 7)));
          }
        }
        return null;
      });
    }
    return out;
  }

  /** Does {@code action} to the group as {@code actor}; returns the state it leaves. */
  public GroupState apply(String fingerprint, TriageAction action, String actor, Instant now) {
    String sql;
    Object[] args;
    switch (action) {
      case RESOLVE -> {
        // Resolving ends any mute: the next occurrence is a regression and is announced.
        sql = "INSERT INTO group_states (fingerprint, resolved_at, resolved_by, muted_at, muted_until, muted_by,"
            + " changed_at) VALUES (?, ?, ?, NULL, NULL, NULL, ?) ON CONFLICT (fingerprint) DO UPDATE SET"
            + " resolved_at = excluded.resolved_at, resolved_by = excluded.resolved_by, muted_at = NULL,"
            + " muted_until = NULL, muted_by = NULL, changed_at = excluded.changed_at";
        args = new Object[] {fingerprint, now, actor, now};
      }
      case REOPEN -> {
        sql = "UPDATE group_states SET resolved_at = NULL, resolved_by = NULL, muted_at = NULL, muted_until = NULL,"
            + " muted_by = NULL, changed_at = ? WHERE fingerprint = ?";
        args = new Object[] {now, fingerprint};
      }
      default -> {
        Instant until = action.muteFor().map(now::plus).orElse(null);
        // Muting a resolved group reopens it: a mute is for something still happening.
        sql = "INSERT INTO group_states (fingerprint, resolved_at, resolved_by, muted_at, muted_until, muted_by,"
            + " changed_at) VALUES (?, NULL, NULL, ?, ?, ?, ?) ON CONFLICT (fingerprint) DO UPDATE SET"
            + " resolved_at = NULL, resolved_by = NULL, muted_at = excluded.muted_at,"
            + " muted_until = excluded.muted_until, muted_by = excluded.muted_by, changed_at = excluded.changed_at";
        args = new Object[] {fingerprint, now, until, actor, now};
      }
    }
    db.write(c -> {
      try (PreparedStatement ps = Jdbc.bind(c.prepareStatement(sql), args)) {
        return ps.executeUpdate();
      }
    });
    return of(fingerprint);
  }

  /** Whether some report of the group received after {@code since} was already delivered (its regression announced). */
  public boolean deliveredSince(String fingerprint, Instant since) {
    return db.read(c -> {
      try (PreparedStatement ps = Jdbc.bind(c.prepareStatement("SELECT 1 FROM reports WHERE fingerprint = ?"
          + " AND status = 'delivered' AND received_at > ? LIMIT 1"), fingerprint, since);
          ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    });
  }

  /** The group whose alert was delivered as this message. */
  public Optional<String> fingerprintOfMessage(long messageId) {
    return db.read(c -> {
      try (PreparedStatement ps = Jdbc.bind(c.prepareStatement(
          "SELECT fingerprint FROM reports WHERE message_id = ? LIMIT 1"), messageId);
          ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    });
  }

  /** The Telegram messages that alerted about the group, newest first, at most {@code limit}. */
  public List<Long> alertMessages(String fingerprint, int limit) {
    return db.read(c -> {
      try (PreparedStatement ps = Jdbc.bind(c.prepareStatement("SELECT message_id FROM reports WHERE fingerprint = ?"
          + " AND message_id IS NOT NULL GROUP BY message_id ORDER BY MAX(delivered_at) DESC LIMIT ?"),
          fingerprint, limit); ResultSet rs = ps.executeQuery()) {
        List<Long> ids = new ArrayList<>();
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
        return ids;
      }
    });
  }

  /** Keeps reports stored and counted without sending them: status {@code muted}, with why. */
  public void hold(List<String> eventIds, String reason) {
    List<String> ids = new ArrayList<>(eventIds);
    db.write(c -> {
      for (int from = 0; from < ids.size(); from += MAX_IN) {
        List<String> chunk = ids.subList(from, Math.min(ids.size(), from + MAX_IN));
        List<Object> args = new ArrayList<>();
        args.add(reason);
        args.addAll(chunk);
        try (PreparedStatement ps = Jdbc.bind(c.prepareStatement("UPDATE reports SET status = 'muted',"
            + " failure_reason = ?" + DeliveryQueue.pendingByIds(c, chunk)), args.toArray())) {
          ps.executeUpdate();
        }
      }
      return null;
    });
  }
}
