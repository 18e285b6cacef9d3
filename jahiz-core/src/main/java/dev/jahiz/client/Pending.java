package dev.jahiz.client;

import dev.jahiz.report.ErrorReport;

/** A report as the logging thread handed it over: not yet fingerprinted, formatted or enriched. */
final class Pending {
  /**
   * What one exception in a cause chain is taken to hold until it is encoded: its frames (about 60
   * as text) and their strings. The caller never asks the throwable for its frames: on a fresh
   * exception that alone costs more than the whole hand-over. Once encoded, the report is re-weighed
   * by its real size ({@link #weighEncoded}).
   */
  private static final int THROWABLE_BYTES = 6 * 1024;
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

  /** Cheap on purpose: lengths only. A 200 KB trace weighs 200 KB; a one-line error a few hundred bytes. */
  private static long weigh(ErrorReport r, Throwable t) {
    long w = 512 + 2L * (length(r.errorMessage()) + length(r.stacktrace()));
    int depth = 0;
    for (Throwable c = t; c != null && depth < MAX_CAUSES; c = c.getCause(), depth++) {
      w += THROWABLE_BYTES;
    }
    return w;
  }

  /** The weight of a report as encoded, with its trace rendered: what the sender holds on to. */
  static long weighEncoded(ErrorReport r) {
    return 1024 + 2L * (length(r.errorMessage()) + length(r.stacktrace()));
  }

  private static int length(String s) {
    return s == null ? 0 : s.length();
  }
}
