package dev.jahiz.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {
  @Test
  void idsAreVersion7UuidsThatTheReportSchemaAccepts() {
    String id = EventIds.next();
    UUID uuid = UUID.fromString(id);
    assertThat(uuid.version()).isEqualTo(7);
    assertThat(uuid.variant()).isEqualTo(2);
    ErrorReport report = ErrorReport.builder().errorMessage("boom").eventId(id).build();
    assertThat(ReportLimits.validate(report)).isEmpty();
  }

  @Test
  void idsMadeLaterSortAfterEarlierOnesAsText() {
    List<String> ids = new ArrayList<>();
    for (long ms = 1_700_000_000_000L; ms < 1_700_000_000_000L + 5_000; ms += 7) {
      ids.add(EventIds.next(Clock.fixed(Instant.ofEpochMilli(ms), ZoneOffset.UTC)));
    }
    assertThat(ids).isSorted();
  }

  @Test
  void idsOfTheSameMillisecondDiffer() {
    Clock frozen = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
    HashSet<String> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      ids.add(EventIds.next(frozen));
    }
    assertThat(ids).hasSize(10_000);
  }

  @Test
  void theTimeIsReadableFromTheId() {
    Instant at = Instant.parse("2026-11-30T12:34:56.789Z");
    UUID uuid = UUID.fromString(EventIds.next(Clock.fixed(at, ZoneOffset.UTC)));
    assertThat(Instant.ofEpochMilli(uuid.getMostSignificantBits() >>> 16)).isEqualTo(at);
  }
}
