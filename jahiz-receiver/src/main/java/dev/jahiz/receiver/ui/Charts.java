package dev.jahiz.receiver.ui;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Occurrence charts as small inline SVG rendered here, so the inbox needs no chart library and no
 * script: a 24-hour sparkline per group, and a bar per hour over 7 days on the group's page.
 */
final class Charts {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private Charts() {}

  static String sparkline(long[] hourly) {
    return sparkline(hourly, Html.number(java.util.Arrays.stream(hourly).sum()) + " in the last 24 hours");
  }

  /** @param label what the chart says to a screen reader */
  static String sparkline(long[] hourly, String label) {
    long max = max(hourly);
    StringBuilder bars = new StringBuilder();
    for (int i = 0; i < hourly.length; i++) {
      if (hourly[i] > 0) {
        double h = Math.max(1.5, 18.0 * hourly[i] / max);
        bars.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"3\" height=\"%.1f\"/>", i * 4,
            20 - h, h));
      }
    }
    return "<svg class=\"spark\" viewBox=\"0 0 " + hourly.length * 4 + " 20\" width=\"" + hourly.length * 4
        + "\" height=\"20\" role=\"img\" aria-label=\"" + Html.esc(label) + "\">"
        + "<line x1=\"0\" y1=\"19.5\" x2=\"" + hourly.length * 4 + "\" y2=\"19.5\"/>" + bars + "</svg>";
  }

  /** {@code hourly} ends with the hour containing {@code now}. */
  static String week(long[] hourly, Instant now) {
    long max = max(hourly);
    int w = hourly.length * 4;
    StringBuilder svg = new StringBuilder("<svg class=\"week\" viewBox=\"0 0 " + w + " 130\" preserveAspectRatio=\"none\""
        + " role=\"img\" aria-label=\"Occurrences per hour over 7 days, at most " + Html.number(max) + " an hour\">");
    long hourMillis = 3_600_000L;
    long endHour = now.toEpochMilli() / hourMillis + 1;
    for (int i = 0; i < hourly.length; i++) {
      long hourStart = (endHour - hourly.length + i) * hourMillis;
      if (hourStart % (24 * hourMillis) == 0) {
        svg.append("<line class=\"day\" x1=\"").append(i * 4).append("\" y1=\"0\" x2=\"").append(i * 4)
            .append("\" y2=\"112\"/><text x=\"").append(i * 4 + 2).append("\" y=\"126\">")
            .append(DAY.format(Instant.ofEpochMilli(hourStart))).append("</text>");
      }
      if (hourly[i] > 0) {
        double h = Math.max(1.5, 108.0 * hourly[i] / max);
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"3\" height=\"%.1f\"><title>%s: %d"
            + "</title></rect>", i * 4, 112 - h, h, Instant.ofEpochMilli(hourStart), hourly[i]));
      }
    }
    return svg.append("<line x1=\"0\" y1=\"112.5\" x2=\"").append(w).append("\" y2=\"112.5\"/></svg>").toString();
  }

  private static long max(long[] values) {
    long max = 1;
    for (long v : values) {
      max = Math.max(max, v);
    }
    return max;
  }
}
