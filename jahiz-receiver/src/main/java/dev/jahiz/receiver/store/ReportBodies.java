package dev.jahiz.receiver.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Where a report's JSON is kept: in {@code report_bodies}, by the report's id, apart from the row that
 * delivery rewrites (migration V12). Marking a report delivered then rewrites a row of ~300 bytes,
 * not one of ~3 KB, and a digest of 10,000 reports writes a fifth of the log it did.
 */
public final class ReportBodies {
  private ReportBodies() {}

  /** Reports with their JSON, as a {@code FROM} clause: the JSON is the column {@code report_json}. */
  public static final String REPORTS_WITH_JSON =
      "reports JOIN report_bodies ON report_bodies.report_id = reports.id";

  /** The JSON of the report with this event id, or empty when it is gone (deleted by retention). */
  public static Optional<String> json(Connection c, String eventId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT report_json FROM " + REPORTS_WITH_JSON
        + " WHERE event_id = ?")) {
      ps.setString(1, eventId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  static final String INSERT = "INSERT INTO report_bodies (report_id, report_json) VALUES (?, ?)";

  /** Deletes the JSON of the reports received before the bound time, to be run before deleting those. */
  static final String DELETE_RECEIVED_BEFORE =
      "DELETE FROM report_bodies WHERE report_id IN (SELECT id FROM reports WHERE received_at < ?)";
}
