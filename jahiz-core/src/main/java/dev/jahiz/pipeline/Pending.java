package dev.jahiz.pipeline;

import dev.jahiz.report.ErrorReport;

/** A report as the logging thread handed it over: not yet fingerprinted, formatted or enriched. */
final class Pending {
  /**
   * What a throwable is taken to hold until its report is encoded: a cause chain of two or three
   * with about 60 frames each, as text. The caller's thread neither walks the chain nor asks for the
   * frames: {@code getCause()} is synchronized and {@code getStackTrace()} copies (and on a fresh
   * exception first builds) every frame. Once encoded, the report is re-weighed by its real size
   * ({@link #weighEncoded}).
   */
  private static final int THROWABLE_BYTES = 16 * 1024;

  final ErrorReport report;
  final Throwable throwable;
  /** Estimated bytes this report keeps alive until it is delivered or given up. */
  final long weight;

  Pending(ErrorReport report, Throwable throwable) {
    this(report, throwable, weigh(report, throwable));
  }

  private Pending(ErrorReport report, Throwable throwable, long weight) {
    this.report = report;
    this.throwable = throwable;
    this.weight = weight;
  }

  /**
   * This report with its throwable replaced by what can be read of it ({@link ReadableCopy}), for
   * when reading the original failed; the budget it holds stays the same.
   */
  Pending readable() {
    if (throwable == null || throwable instanceof ReadableCopy) {
      return this;
    }
    ErrorReport r = report.errorType() != null ? report
        : report.toBuilder().errorType(ReadableCopy.typeOf(throwable)).build();
    return new Pending(r, ReadableCopy.of(throwable), weight);
  }

  /** Cheap on purpose: lengths only. A 200 KB trace weighs 200 KB; a one-line error a few hundred bytes. */
  private static long weigh(ErrorReport r, Throwable t) {
    return 512 + 2L * (length(r.errorMessage()) + length(r.stacktrace())) + (t == null ? 0 : THROWABLE_BYTES);
  }

  /** The weight of a report as encoded, with its trace rendered: what the sender holds on to. */
  static long weighEncoded(ErrorReport r) {
    return 1024 + 2L * (length(r.errorMessage()) + length(r.stacktrace()));
  }

  private static int length(String s) {
    return s == null ? 0 : s.length();
  }
}
