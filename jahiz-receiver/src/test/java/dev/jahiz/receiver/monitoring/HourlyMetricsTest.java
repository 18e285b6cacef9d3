package dev.jahiz.receiver.monitoring;

import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import dev.jahiz.receiver.testing.TestStore;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jahiz.receiver.testing.MutableClock;
import dev.jahiz.receiver.testing.Reports;
import dev.jahiz.receiver.testing.RunningReceiver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hourly aggregates: computed once an hour has ended, with exact percentiles, and kept longer than raw events. */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestStore.class)
class HourlyMetricsTest {
  @Parameter TestStore store;
  private static final Instant HOUR = Instant.parse("2026-02-10T20:00:00Z");

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(HOUR.plus(Duration.ofMinutes(10)));
  private RunningReceiver receiver;
  private WebhookMonitoring monitoring;

  @BeforeEach
  void start() {
    receiver = RunningReceiver.in(dir, store).clock(clock).start();
    monitoring = receiver.receiver().monitoring();
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  /** Requests of one source whose processing times are exactly {@code 1 .. count} ms, in random order. */
  private void recordTimes(String source, int count) {
    List<Double> times = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      times.add((double) i);
    }
    Collections.shuffle(times, new Random(17));
    for (double ms : times) {
      monitoring.recorder().record(new WebhookEvent(clock.instant(), WebhookEvent.Kind.REQUEST, source,
          WebhookEvent.PROCESSED, true, ms, 200, null, null, "10.0.0.1", true));
    }
  }

  private JsonNode series(String query) {
    return receiver.get("/api/metrics/webhook?" + query).json();
  }

  private long count(String table) throws SQLException {
    try (Connection c = store.connect(dir);
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void percentilesOfAFinishedHourMatchTheKnownDistribution() {
    recordTimes("checkout", 100);
    recordTimes("billing", 1000);
    assertThat(monitoring.aggregateFinishedHours()).as("the hour has not ended").isZero();

    clock.advance(Duration.ofMinutes(55));
    assertThat(monitoring.aggregateFinishedHours()).isEqualTo(1);
    assertThat(monitoring.aggregateFinishedHours()).as("each hour once").isZero();

    JsonNode checkout = series("source=checkout&from=2026-02-10").path("data");
    assertThat(checkout).hasSize(1);
    JsonNode row = checkout.get(0);
    assertThat(row.path("date").asText()).isEqualTo("2026-02-10");
    assertThat(row.path("hour").asInt()).isEqualTo(20);
    assertThat(row.path("requests_received").asInt()).isEqualTo(100);
    assertThat(row.path("requests_processed").asInt()).isEqualTo(100);
    assertThat(row.path("avg_processing_time_ms").asDouble()).isEqualTo(50.5);
    assertThat(row.path("p95_processing_time_ms").asDouble()).isEqualTo(95.0);
    assertThat(row.path("p99_processing_time_ms").asDouble()).isEqualTo(99.0);

    JsonNode billing = series("source=billing&from=2026-02-10T00:00:00Z&to=2026-02-11T00:00:00Z").path("data").get(0);
    assertThat(billing.path("p95_processing_time_ms").asDouble()).isEqualTo(950.0);
    assertThat(billing.path("p99_processing_time_ms").asDouble()).isEqualTo(990.0);
    assertThat(series("from=2026-02-10").path("total").asInt()).as("both sources").isEqualTo(2);
  }

  @Test
  void realRequestsAndDeliveriesAddUpInTheirHour() {
    for (int i = 0; i < 3; i++) {
      receiver.postSigned("/webhook/error", Reports.body("error_message", "boom " + i, "app_name", "shop"));
    }
    receiver.postSigned("/webhook/error", Reports.body("app_name", "shop"));
    receiver.receiver().monitoring().recorder().flush();
    clock.advance(Duration.ofHours(1));
    monitoring.aggregateFinishedHours();

    JsonNode row = series("source=shop&from=2026-02-10").path("data").get(0);
    assertThat(row.path("requests_received").asInt()).isEqualTo(4);
    assertThat(row.path("requests_failed").asInt()).isEqualTo(1);
    assertThat(row.path("requests_processed").asInt()).isEqualTo(3);
  }

  @Test
  void retentionDeletesRawEventsAfterAWeekAndAggregatesAfter90Days() throws SQLException {
    recordTimes("checkout", 10);
    monitoring.recorder().flush();
    assertThat(count("webhook_events")).isEqualTo(10);

    clock.advance(Duration.ofDays(7));
    monitoring.applyRetention();
    assertThat(count("webhook_events")).as("7 days minus 10 minutes old").isEqualTo(10);

    clock.advance(Duration.ofMinutes(11));
    monitoring.applyRetention();
    assertThat(count("webhook_events")).isZero();
    assertThat(count("webhook_metrics")).as("aggregated before the raw events went").isEqualTo(1);
    assertThat(series("source=checkout&from=2026-02-10").path("data").get(0).path("requests_received").asInt())
        .isEqualTo(10);

    clock.advance(Duration.ofDays(83));
    monitoring.applyRetention();
    assertThat(count("webhook_metrics")).isZero();
  }
}
