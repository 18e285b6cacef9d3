package dev.jahiz.receiver.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;

/** Deletes reports past the retention age. */
public final class ReportRetention {
  private final Jdbc jdbc;

  public ReportRetention(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** What a retention run removed: every report, and how many of them had never been delivered. */
  public record Expired(int deleted, int undelivered) {}

  /** Deletes reports received before the cutoff, whatever their status. */
  public Expired deleteReceivedBefore(Instant cutoff) {
    return jdbc.write(c -> {
      int undelivered;
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT COUNT(*) FROM reports WHERE received_at < ? AND status IN ('pending', 'failed')")) {
        ps.setLong(1, cutoff.toEpochMilli());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          undelivered = rs.getInt(1);
        }
      }
      try (PreparedStatement ps = c.prepareStatement(ReportBodies.DELETE_RECEIVED_BEFORE)) {
        ps.setLong(1, cutoff.toEpochMilli());
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM reports WHERE received_at < ?")) {
        ps.setLong(1, cutoff.toEpochMilli());
        return new Expired(ps.executeUpdate(), undelivered);
      }
    });
  }
}
