package dev.jahiz.report;

import java.util.Objects;

/** One thing wrong with a report: the JSON field (dotted path) and what is expected of it. */
public final class Violation {
  private final String field;
  private final String message;

  public Violation(String field, String message) {
    this.field = Objects.requireNonNull(field, "field");
    this.message = Objects.requireNonNull(message, "message");
  }

  /** The JSON path of the field, e.g. {@code error_message} or {@code context.response_status}. */
  public String field() {
    return field;
  }

  public String message() {
    return message;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Violation
        && field.equals(((Violation) o).field)
        && message.equals(((Violation) o).message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(field, message);
  }

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
