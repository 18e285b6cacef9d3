package dev.jahiz.receiver.triage.telegram;

import dev.jahiz.receiver.store.StoreException;
import dev.jahiz.receiver.store.WriteTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;

/** Telegram updates already handled ({@code telegram_updates}): each {@code update_id} is processed once. */
public final class UpdateLog {
  private final DataSource dataSource;

  public UpdateLog(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Records the update; false when it was recorded before (a replay). */
  public boolean firstTime(long updateId, Instant now) {
    try {
      return WriteTransaction.run(dataSource, c -> {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO telegram_updates (update_id, received_at)"
            + " VALUES (?, ?) ON CONFLICT (update_id) DO NOTHING")) {
          ps.setLong(1, updateId);
          ps.setLong(2, now.toEpochMilli());
          return ps.executeUpdate() == 1;
        }
      });
    } catch (SQLException e) {
      throw new StoreException("database write failed: " + e.getMessage(), e);
    }
  }

  /** The highest update handled, or -1: long polling resumes after it. */
  public long lastUpdateId() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT MAX(update_id) FROM telegram_updates");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      long max = rs.getLong(1);
      return rs.wasNull() ? -1 : max;
    } catch (SQLException e) {
      throw new StoreException("database read failed: " + e.getMessage(), e);
    }
  }
}
