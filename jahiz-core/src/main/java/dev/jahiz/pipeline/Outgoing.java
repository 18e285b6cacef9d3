package dev.jahiz.pipeline;

import dev.jahiz.report.ErrorReport;
import dev.jahiz.spool.Spool;
import java.util.List;

/** An encoded report on its way to the transport, with the budget it holds and its files in the spool. */
final class Outgoing {
  final ErrorReport report;
  final long weight;
  /** Removed once the destination has the report or refused it for good; a replayed digest has several. */
  final List<Spool.Entry> spooled;

  Outgoing(ErrorReport report, long weight, List<Spool.Entry> spooled) {
    this.report = report;
    this.weight = weight;
    this.spooled = spooled;
  }
}
