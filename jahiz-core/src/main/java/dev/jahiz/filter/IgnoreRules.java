package dev.jahiz.filter;

import dev.jahiz.report.ErrorReport;
import java.util.ArrayList;
import java.util.List;

/**
 * The ignore rules of a client or receiver: a report matching any of them is not delivered (a
 * client counts it as {@code filtered}; a receiver stores it with status {@code filtered}).
 * Written one rule per line or {@code ;}-separated; {@code #} starts a comment line. A regex that
 * needs a literal {@code ;} writes it {@code \x3B}.
 */
public final class IgnoreRules {
  private static final IgnoreRules NONE = new IgnoreRules(List.of());

  private final List<IgnoreRule> rules;

  private IgnoreRules(List<IgnoreRule> rules) {
    this.rules = rules;
  }

  public static IgnoreRules none() {
    return NONE;
  }

  public static IgnoreRules of(List<IgnoreRule> rules) {
    return rules.isEmpty() ? NONE : new IgnoreRules(List.copyOf(rules));
  }

  /**
   * Rules from text: one a line or {@code ;}-separated, blank lines and {@code #} comments skipped.
   *
   * @throws IllegalArgumentException naming the first rule that cannot be read, and why
   */
  public static IgnoreRules parse(String text) {
    if (text == null) {
      return NONE;
    }
    List<IgnoreRule> out = new ArrayList<>();
    for (String line : text.split("\\R")) {
      if (line.trim().startsWith("#")) {
        continue;
      }
      for (String rule : line.split(";")) {
        if (!rule.isBlank()) {
          out.add(IgnoreRule.parse(rule));
        }
      }
    }
    return of(out);
  }

  /** These rules and the other's. */
  public IgnoreRules and(IgnoreRules other) {
    List<IgnoreRule> all = new ArrayList<>(rules);
    all.addAll(other.rules);
    return of(all);
  }

  public boolean isEmpty() {
    return rules.isEmpty();
  }

  public List<IgnoreRule> rules() {
    return rules;
  }

  /** The first rule the report matches, or null when it is to be delivered. */
  public IgnoreRule firstMatch(ErrorReport report, Throwable throwable) {
    for (IgnoreRule rule : rules) {
      if (rule.matches(report, throwable)) {
        return rule;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return rules.toString();
  }
}
