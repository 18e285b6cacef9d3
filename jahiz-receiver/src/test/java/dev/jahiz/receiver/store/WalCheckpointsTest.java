package dev.jahiz.receiver.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jahiz.report.ErrorReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite's write-ahead log is copied into the database file beside the writer, not by it: soon after
 * a burst, the database file on its own (what a file-level backup or a volume snapshot that misses
 * the {@code -wal} file holds) has every report, without another write to set a checkpoint off.
 */
class WalCheckpointsTest {
  @TempDir Path dir;
  @TempDir Path copies;

  @Test
  void soonAfterABurstTheDatabaseFileAloneHoldsEveryReport() throws Exception {
    Path file = dir.resolve("receiver.db");
    String trace = "java.lang.IllegalStateException: payment step failed\n"
        + "\tat com.example.checkout.PaymentGateway.charge(PaymentGateway.java:42)\n".repeat(40);
    try (Database db = Database.open(file, "FULL")) {
      ReportInserts inserts = new ReportInserts(db.jdbc());
      // ~900 pages of log: under SQLite's own checkpoint at 1,000, which would otherwise copy them
      for (int batch = 0; batch < 60; batch++) {
        List<NewReport> reports = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          reports.add(new NewReport(ErrorReport.builder().eventId(UUID.randomUUID().toString())
              .errorMessage("Payment failed").stacktrace(trace).build(), "fp", Instant.now()));
        }
        inserts.insertAll(reports);
      }

      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(reportsInACopyOf(file)).isEqualTo(600));
    }
  }

  /** Counts the reports in a copy of the database file alone, without its write-ahead log. */
  private long reportsInACopyOf(Path file) throws Exception {
    Path copy = Files.createTempDirectory(copies, "copy").resolve("alone.db");
    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM reports")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
