package dev.jahiz.receiver.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jahiz.receiver.config.DatabaseSettings;
import dev.jahiz.receiver.testing.TestStore;
import dev.jahiz.report.ErrorReport;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Reports stored before their JSON moved to its own table (V12) keep it, and what they were. */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestStore.class)
class ReportBodiesMigrationTest {
  @Parameter TestStore store;
  @TempDir Path dir;

  private static final Instant T = Instant.parse("2026-11-30T15:00:00Z");

  @Test
  void reportsStoredBeforeKeepTheirJsonAndStatusAndNewOnesFollowThem() throws SQLException {
    DatabaseSettings settings = store.database(dir);
    String url = settings.postgresql() ? settings.url() : "jdbc:sqlite:" + settings.sqliteFile();
    Dialect dialect = settings.postgresql() ? Dialect.POSTGRESQL : Dialect.SQLITE;
    Flyway.configure().dataSource(url, null, null).locations(dialect.migrations()).target("11").load().migrate();
    try (Connection c = store.connect(dir); Statement s = c.createStatement()) {
      for (int i = 1; i <= 3; i++) {
        s.executeUpdate("INSERT INTO reports (event_id, received_at, occurred_at, first_seen, occurrences, fingerprint,"
            + " severity, error_message, report_json, status, attempts, delivered_at, message_id) VALUES ('old-" + i
            + "', " + i + ", " + i + ", " + i + ", 1, 'fp-old', 'error', 'Old failure " + i + "',"
            + " '{\"error_message\":\"Old failure " + i + "\"}', '" + (i == 1 ? "delivered" : "pending") + "', "
            + (i == 1 ? "1, 5, 77" : "0, NULL, NULL") + ")");
      }
    }

    try (Database db = Database.open(settings)) {
      DeliveryQueue queue = new DeliveryQueue(db.jdbc());
      assertThat(queue.reportJson("old-2")).contains("{\"error_message\":\"Old failure 2\"}");
      assertThat(new ReportQueries(db.jdbc()).find("old-1")).hasValueSatisfying(found -> {
        assertThat(found.getKey().status()).isEqualTo("delivered");
        assertThat(found.getValue()).isEqualTo("{\"error_message\":\"Old failure 1\"}");
      });
      assertThat(queue.lastMessageId("fp-old")).contains(77L);
      assertThat(queue.pending("fp-old", 10)).extracting(PendingReport::eventId).containsExactly("old-2", "old-3");

      Stored stored = new ReportInserts(db.jdbc()).insert(new NewReport(
          ErrorReport.builder().eventId("new-1").errorMessage("New failure").build(), "fp-old", T));
      assertThat(stored.duplicate()).isFalse();
      assertThat(queue.reportJson("new-1")).hasValueSatisfying(json -> assertThat(json).contains("New failure"));
      assertThat(ids(db)).containsExactly("old-1", "old-2", "old-3", "new-1");

      assertThat(new ReportRetention(db.jdbc()).deleteReceivedBefore(Instant.ofEpochMilli(3)).deleted()).isEqualTo(2);
      assertThat(queue.reportJson("old-3")).isPresent();
      assertThat(bodies(db)).isEqualTo(2);
    }
  }

  /** Event ids in the order of the reports' ids. */
  private static List<String> ids(Database db) {
    return db.jdbc().read(c -> {
      List<String> out = new java.util.ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT event_id FROM reports ORDER BY id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    });
  }

  private static long bodies(Database db) {
    return db.jdbc().read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM report_bodies");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }
}
