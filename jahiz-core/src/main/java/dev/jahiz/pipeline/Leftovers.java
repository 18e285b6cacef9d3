package dev.jahiz.pipeline;

import dev.jahiz.report.ErrorReport;
import dev.jahiz.spool.Spool;
import java.time.Instant;
import java.util.List;

/** Folds the reports a previous run left with one fingerprint into the one message they make now. */
final class Leftovers {
  private Leftovers() {}

  /** The latest of them, standing for all: their occurrences added up, first seen the earliest, marked late. */
  static ErrorReport combine(List<Spool.Leftover> group) {
    ErrorReport latest = null;
    Instant firstSeen = null;
    long occurrences = 0;
    long dropped = 0;
    for (Spool.Leftover l : group) {
      ErrorReport r = l.report();
      if (latest == null || r.timestamp().isAfter(latest.timestamp())) {
        latest = r;
      }
      Instant first = r.firstSeen() != null ? r.firstSeen() : r.timestamp();
      firstSeen = firstSeen == null || first.isBefore(firstSeen) ? first : firstSeen;
      occurrences += r.occurrences();
      dropped += r.droppedSinceLast();
    }
    ErrorReport.Builder b = latest.toBuilder().fromPreviousRun(true).firstSeen(firstSeen);
    if (occurrences > 1) {
      b.occurrences(occurrences);
    }
    if (dropped > 0) {
      b.droppedSinceLast((int) Math.min(Integer.MAX_VALUE, dropped));
    }
    return b.build();
  }
}
