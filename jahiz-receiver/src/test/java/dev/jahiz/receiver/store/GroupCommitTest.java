package dev.jahiz.receiver.store;

import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import dev.jahiz.receiver.testing.TestStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jahiz.report.ErrorReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One request's report that cannot be stored fails that request only, whatever batch it shared. */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestStore.class)
class GroupCommitTest {
  @Parameter TestStore store;
  @TempDir Path dir;

  private static NewReport report(String message, Instant timestamp) {
    String id = UUID.randomUUID().toString();
    return new NewReport(ErrorReport.builder().eventId(id).errorMessage(message).timestamp(timestamp).build(),
        "fp-" + message, Instant.now());
  }

  @Test
  void aReportTheDatabaseCannotHoldFailsOnlyItsOwnRequest() throws Exception {
    try (Database db = Database.open(store.database(dir))) {
      ReportInserts inserts = new ReportInserts(db.jdbc());
      ExecutorService callers = Executors.newFixedThreadPool(16);
      try (GroupCommit writes = new GroupCommit(inserts)) {
        List<Future<List<Stored>>> valid = new ArrayList<>();
        List<Future<List<Stored>>> poison = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
          valid.add(callers.submit(() -> writes.insertAll(List.of(report("valid", Instant.now())))));
          if (i % 10 == 0) {
            // Past what epoch milliseconds can hold: fails inside the batch's transaction.
            poison.add(callers.submit(() -> writes.insertAll(List.of(report("poison", Instant.MAX)))));
          }
        }
        for (Future<List<Stored>> f : valid) {
          assertThat(f.get()).singleElement().satisfies(s -> assertThat(s.duplicate()).isFalse());
        }
        for (Future<List<Stored>> f : poison) {
          assertThatThrownBy(f::get).hasRootCauseInstanceOf(ArithmeticException.class);
        }
      } finally {
        callers.shutdownNow();
      }
      assertThat(new ReportStatistics(db.jdbc()).stats().totalReports()).isEqualTo(300);
    }
  }
}
