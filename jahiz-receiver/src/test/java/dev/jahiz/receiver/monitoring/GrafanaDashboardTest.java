package dev.jahiz.receiver.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jahiz.receiver.testing.Reports;
import dev.jahiz.receiver.testing.RunningReceiver;
import dev.jahiz.receiver.testing.Signed;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboard in {@code deploy/} asks only for metrics a running receiver really exports:
 * every name in every query is found in a scrape of {@code /metrics} after some traffic.
 */
class GrafanaDashboardTest {
  private static final Path DASHBOARD = Path.of("deploy", "grafana-dashboard.json");
  /** A metric name: ours by prefix, or any identifier a selector ({...} or [...]) follows. */
  private static final Pattern METRIC = Pattern.compile(
      "\\b((?:jahiz|http_server)_[a-zA-Z0-9_:]*)|\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*[{\\[]");

  @TempDir Path dir;

  @Test
  void everyQueryNamesAMetricTheReceiverExports() throws IOException {
    JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    List<String> queries = new ArrayList<>();
    dashboard.findValues("expr").forEach(e -> queries.add(e.asText()));
    dashboard.path("templating").path("list").forEach(v -> queries.add(v.path("definition").asText()));
    assertThat(queries).hasSizeGreaterThanOrEqualTo(10);
    assertThat(dashboard.findValuesAsText("title")).contains("Requests by source", "Error rate by source",
        "Processing time p95 / p99", "Signature failures (15 min)", "Delivery backlog", "Telegram delivery attempts");

    Set<String> exported;
    try (RunningReceiver receiver = RunningReceiver.in(dir).start()) {
      receiver.postSigned("/webhook/error", Reports.body("error_message", "boom", "app_name", "shop"));
      byte[] forged = Reports.body("error_message", "forged");
      receiver.postJson("/webhook/error", forged, Signed.bodyHex("guess", forged));
      await().until(() -> receiver.getAnonymous("/metrics").body().contains("jahiz_delivery_latency_seconds{"));
      exported = metricNames(receiver.getAnonymous("/metrics").body());
    }

    for (String query : queries) {
      Set<String> named = new TreeSet<>();
      Matcher m = METRIC.matcher(query);
      while (m.find()) {
        named.add(m.group(1) != null ? m.group(1) : m.group(2));
      }
      assertThat(named).as("metrics in %s", query).isNotEmpty();
      assertThat(exported).as("exported metrics, for the query %s", query).containsAll(named);
    }
  }

  private static Set<String> metricNames(String scrape) {
    Set<String> names = new TreeSet<>();
    for (String line : scrape.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        names.add(line.split("[{ ]", 2)[0]);
      }
    }
    return names;
  }
}
