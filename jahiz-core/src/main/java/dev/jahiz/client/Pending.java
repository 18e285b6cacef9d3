package dev.jahiz.client;

import dev.jahiz.report.ErrorReport;

/** A report as the logging thread handed it over: not yet fingerprinted, formatted or enriched. */
final class Pending {
  private static final int FRAME_BYTES = 120;
  private static final int MAX_CAUSES = 8;

  final ErrorReport report;
  final Throwable throwable;
  /** Estimated bytes this report keeps alive until it is delivered or given up. */
  final long weight;

  Pending(ErrorReport report, Throwable throwable) {
    this.report = report;
    this.throwable = throwable;
    this.weight = weigh(report, throwable);
  }

  /**
   * Cheap on purpose: lengths and frame counts only. A 200 KB trace weighs 200 KB; a one-line error
   * a few hundred bytes.
   */
  private static long weigh(ErrorReport r, Throwable t) {
    long w = 512 + 2L * (length(r.errorMessage()) + length(r.stacktrace()));
    int depth = 0;
    for (Throwable c = t; c != null && depth < MAX_CAUSES; c = c.getCause(), depth++) {
      w += 128 + 2L * length(c.getMessage()) + (long) c.getStackTrace().length * FRAME_BYTES;
    }
    return w;
  }

  private static int length(String s) {
    return s == null ? 0 : s.length();
  }
}
