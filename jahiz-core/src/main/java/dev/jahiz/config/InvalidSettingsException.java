package dev.jahiz.config;

import java.util.List;

/** Settings that cannot work, each problem naming the setting; never carries a secret's value. */
public final class InvalidSettingsException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final transient List<String> problems;

  InvalidSettingsException(List<String> problems) {
    super("Jahiz is not configured correctly: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
