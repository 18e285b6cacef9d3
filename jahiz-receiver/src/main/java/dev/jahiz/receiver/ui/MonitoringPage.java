package dev.jahiz.receiver.ui;

import dev.jahiz.receiver.monitoring.MonitoringStore;
import dev.jahiz.receiver.monitoring.Tally;
import java.time.Duration;
import java.time.Instant;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The receiver's own health, from webhook monitoring: per source the last 15 minutes (requests, error
 * rate, p95 and p99), requests, error rate and p99 per hour over the last day, and the alerts in force.
 */
final class MonitoringPage {
  private MonitoringPage() {}

  static String render(MonitoringStore store, boolean enabled, String csrf, Instant now) {
    StringBuilder b = new StringBuilder("<h1>Monitoring</h1>");
    if (!enabled) {
      return Layout.page("Monitoring", csrf, b.append("<p class=\"empty\">Webhook monitoring is off"
          + " (<code>WEBHOOK_MONITORING_ENABLED=false</code>).</p>").toString());
    }
    Map<String, Instant> alerts = store.activeAlerts();
    b.append("<section><h2>Alerts in force</h2>");
    if (alerts.isEmpty()) {
      b.append("<p class=\"empty\">None.</p>");
    } else {
      b.append("<ul class=\"alerts\">");
      alerts.forEach((key, since) -> b.append("<li><strong>").append(Html.esc(key)).append("</strong> since ")
          .append(Html.when(since)).append("</li>"));
      b.append("</ul>");
    }
    b.append("</section>");

    Map<String, Tally> recent = store.tally(now.minus(Duration.ofMinutes(15)), now);
    Instant hourNow = Instant.ofEpochMilli(now.toEpochMilli() / 3_600_000L * 3_600_000L);
    Instant dayAgo = hourNow.minus(Duration.ofHours(24));
    Map<String, long[]> requests = new TreeMap<>();
    Map<String, long[]> failedPermille = new TreeMap<>();
    Map<String, long[]> p99 = new TreeMap<>();
    for (Map<String, Object> row : store.hourly(null, dayAgo, hourNow)) {
      String source = (String) row.get("source");
      int i = (int) Duration.between(dayAgo, Instant.parse((String) row.get("hour_start"))).toHours();
      requests.computeIfAbsent(source, s -> new long[24])[i] = ((Number) row.get("requests_received")).longValue();
      long received = ((Number) row.get("requests_received")).longValue();
      long failed = ((Number) row.get("requests_failed")).longValue();
      failedPermille.computeIfAbsent(source, s -> new long[24])[i] = received == 0 ? 0 : failed * 1000 / received;
      Object p = row.get("p99_processing_time_ms");
      p99.computeIfAbsent(source, s -> new long[24])[i] = p == null ? 0 : Math.round(((Number) p).doubleValue());
    }
    recent.keySet().forEach(s -> requests.computeIfAbsent(s, x -> new long[24]));
    b.append("<section><h2>Sources</h2>");
    if (requests.isEmpty()) {
      return Layout.page("Monitoring", csrf, b.append("<p class=\"empty\">No requests in the last day.</p></section>")
          .toString());
    }
    b.append("<table class=\"groups\"><thead><tr><th scope=\"col\">Source</th><th scope=\"col\" class=\"num\">"
        + "Requests (15 min)</th><th scope=\"col\" class=\"num\">Error rate</th><th scope=\"col\" class=\"num\">p95</th>"
        + "<th scope=\"col\" class=\"num\">p99</th><th scope=\"col\">Requests per hour (24 h)</th>"
        + "<th scope=\"col\">Error rate per hour</th><th scope=\"col\">p99 per hour</th></tr></thead><tbody>");
    for (String source : requests.keySet()) {
      Tally t = recent.get(source);
      long[] rates = failedPermille.getOrDefault(source, new long[24]);
      long[] slow = p99.getOrDefault(source, new long[24]);
      b.append("<tr><td data-label=\"Source\">").append(Html.esc(source)).append("</td>")
          .append(num("Requests (15 min)", t == null ? "0" : Html.number(t.requests())))
          .append(num("Error rate", t == null || t.requests() == 0 ? "–"
              : String.format(Locale.ROOT, "%.1f %%", t.errorRate() * 100)))
          .append(num("p95", ms(t == null ? null : t.percentileMs(95))))
          .append(num("p99", ms(t == null ? null : t.percentileMs(99))))
          .append("<td data-label=\"Requests per hour\">").append(Charts.sparkline(requests.get(source)))
          .append("</td><td data-label=\"Error rate per hour\">")
          .append(Charts.sparkline(rates, String.format(Locale.ROOT, "worst hour %.1f %% failed",
              java.util.Arrays.stream(rates).max().orElse(0) / 10.0)))
          .append("</td><td data-label=\"p99 per hour\">")
          .append(Charts.sparkline(slow, "worst hour p99 " + java.util.Arrays.stream(slow).max().orElse(0) + " ms"))
          .append("</td></tr>");
    }
    b.append("</tbody></table></section>");
    return Layout.page("Monitoring", csrf, b.toString());
  }

  private static String num(String label, String value) {
    return "<td class=\"num\" data-label=\"" + label + "\">" + value + "</td>";
  }

  private static String ms(Double v) {
    return v == null ? "–" : String.format(Locale.ROOT, "%.0f ms", v);
  }

}
