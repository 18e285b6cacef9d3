package dev.jahiz.client;

import dev.jahiz.report.ErrorReport;

/** An encoded report on its way to the transport, with the budget it holds. */
final class Outgoing {
  final ErrorReport report;
  final long weight;

  Outgoing(ErrorReport report, long weight) {
    this.report = report;
    this.weight = weight;
  }
}
