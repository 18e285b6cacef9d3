package dev.jahiz.report;

import java.util.List;
import java.util.stream.Collectors;

/** A report that cannot be accepted, with every field-level reason. */
public final class InvalidReportException extends Exception {
  private final List<Violation> violations;

  public InvalidReportException(List<Violation> violations) {
    super(violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }
}
