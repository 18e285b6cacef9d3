package dev.jahiz.receiver.monitoring;

import java.util.Locale;

/** Rates as people read them in alerts and health answers: "15.0%". */
final class Percent {
  private Percent() {}

  static String of(double rate) {
    return String.format(Locale.ROOT, "%.1f%%", rate * 100);
  }
}
