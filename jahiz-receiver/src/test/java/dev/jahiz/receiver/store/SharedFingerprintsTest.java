package dev.jahiz.receiver.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jahiz.receiver.testing.TestStore;
import dev.jahiz.report.ErrorReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A storm reaches two receivers sharing a database: their batches hold reports of the same few
 * failures, in whatever order the requests arrived. Each stored report updates its group's summary
 * row, so two batches that reach the same groups in opposite orders would wait on each other;
 * PostgreSQL then aborts one of them as a deadlock, and its requests would be answered 503.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestStore.class)
class SharedFingerprintsTest {
  private static final List<String> GROUPS = List.of("fp-a", "fp-b", "fp-c", "fp-d", "fp-e");

  @Parameter TestStore store;
  @TempDir Path dir;

  @Test
  void twoReceiversStoringTheSameGroupsInOppositeOrdersBothSucceed() throws Exception {
    int rounds = 10;
    try (Database one = Database.open(store.database(dir)); Database two = Database.open(store.database(dir))) {
      ReportInserts first = new ReportInserts(one.jdbc());
      ReportInserts second = new ReportInserts(two.jdbc());
      CyclicBarrier together = new CyclicBarrier(2);
      ExecutorService receivers = Executors.newFixedThreadPool(2);
      try {
        Future<Integer> ascending = receivers.submit(() -> store(first, GROUPS, rounds, together));
        Future<Integer> descending = receivers.submit(() -> store(second, reversed(GROUPS), rounds, together));

        assertThat(ascending.get()).as("reports the first receiver stored").isEqualTo(rounds * GROUPS.size());
        assertThat(descending.get()).as("reports the second receiver stored").isEqualTo(rounds * GROUPS.size());
      } finally {
        receivers.shutdownNow();
      }
      assertThat(new ReportStatistics(one.jdbc()).stats().totalReports()).isEqualTo(2L * rounds * GROUPS.size());
    }
  }

  private static List<String> reversed(List<String> groups) {
    List<String> copy = new ArrayList<>(groups);
    Collections.reverse(copy);
    return copy;
  }

  private static int store(ReportInserts inserts, List<String> groups, int rounds, CyclicBarrier together)
      throws Exception {
    int stored = 0;
    for (int round = 0; round < rounds; round++) {
      List<NewReport> batch = new ArrayList<>();
      for (String group : groups) {
        ErrorReport report = ErrorReport.builder().eventId(UUID.randomUUID().toString())
            .errorMessage("failure " + group).build();
        batch.add(new NewReport(report, group, Instant.now()));
      }
      together.await(30, TimeUnit.SECONDS);
      List<Stored> result;
      try {
        result = inserts.insertAll(batch);
      } catch (RuntimeException e) {
        together.reset(); // the other receiver stops waiting for this one
        throw e;
      }
      for (int i = 0; i < batch.size(); i++) {
        assertThat(result.get(i).eventId()).as("answers in the batch's order").isEqualTo(batch.get(i).eventId());
        stored++;
      }
    }
    return stored;
  }
}
