package dev.jahiz.receiver.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jahiz.receiver.testing.TestStore;
import dev.jahiz.receiver.ui.Inbox;
import dev.jahiz.report.ErrorReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The inbox's row of a failure counts every report stored of it, however they were batched, and no duplicate. */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestStore.class)
class SummaryUpdatesTest {
  @Parameter TestStore store;
  @TempDir Path dir;

  private static final Instant T = Instant.parse("2026-11-30T10:00:00Z");

  private static NewReport report(String fingerprint, String id, String message, long occurrences, Instant occurred,
      Instant received) {
    return new NewReport(ErrorReport.builder().eventId(id).errorMessage(message).occurrences(occurrences)
        .timestamp(occurred).build(), fingerprint, received);
  }

  @Test
  void aFailuresRowAddsUpEveryStoredReportAndKeepsTheLatestReceived() {
    try (Database db = Database.open(store.database(dir))) {
      ReportInserts inserts = new ReportInserts(db.jdbc());
      String first = UUID.randomUUID().toString();
      inserts.insertAll(List.of(
          report("fp-a", first, "Payment failed (1)", 2, T.plusSeconds(5), T.plusSeconds(10)),
          report("fp-b", UUID.randomUUID().toString(), "Other failure", 1, T, T.plusSeconds(10)),
          report("fp-a", UUID.randomUUID().toString(), "Payment failed (2)", 3, T.minusSeconds(60), T.plusSeconds(10))));
      inserts.insertAll(List.of(
          report("fp-a", UUID.randomUUID().toString(), "Payment failed (3)", 1, T.plusSeconds(20), T.plusSeconds(30)),
          report("fp-a", first, "Payment failed (1), sent again", 2, T.plusSeconds(5), T.plusSeconds(30))));
      inserts.insertAll(List.of( // received before the last batch: counted, but not the latest
          report("fp-a", UUID.randomUUID().toString(), "Payment failed (late)", 1, T.plusSeconds(1), T.plusSeconds(15))));

      Inbox inbox = new Inbox(db.dataSource());
      Inbox.Group a = inbox.group("fp-a", T.plusSeconds(60)).orElseThrow();
      assertThat(a.reports()).isEqualTo(4);
      assertThat(a.occurrences()).isEqualTo(2 + 3 + 1 + 1);
      assertThat(a.firstSeen()).isEqualTo(T.minusSeconds(60));
      assertThat(a.lastSeen()).isEqualTo(T.plusSeconds(20));
      assertThat(a.errorMessage()).isEqualTo("Payment failed (3)");
      assertThat(inbox.group("fp-b", T.plusSeconds(60)).orElseThrow().reports()).isEqualTo(1);
    }
  }
}
