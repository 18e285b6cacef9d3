package dev.jahiz.receiver.store;

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

  static final String INSERT = "INSERT INTO report_bodies (report_id, report_json) VALUES (?, ?)";

  /** Deletes the JSON of the reports received before the bound time, to be run before deleting those. */
  static final String DELETE_RECEIVED_BEFORE =
      "DELETE FROM report_bodies WHERE report_id IN (SELECT id FROM reports WHERE received_at < ?)";
}
