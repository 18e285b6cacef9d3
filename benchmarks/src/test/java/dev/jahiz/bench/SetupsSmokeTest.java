package dev.jahiz.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.checkout.Failures;
import dev.jahiz.client.Counters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keeps the benchmark set-ups from rotting: every appender starts against its fake and takes an
 * event. Seconds, not a benchmark; the benchmarks run only from target/benchmarks.jar.
 */
class SetupsSmokeTest {
  static {
    LogbackSetup.jahizCloseTimeout = "200ms";
  }

  @Test
  void theFailureIsRealistic() {
    RuntimeException e = Failures.realistic();
    assertThat(e.getCause()).isNotNull();
    assertThat(e.getCause().getCause()).isNotNull();
    assertThat(e.getStackTrace().length).isGreaterThanOrEqualTo(Failures.DEPTH);
  }

  @ParameterizedTest
  @ValueSource(strings = {"floor", "jahiz-telegram", "jahiz-receiver", "sentry", "telegram-logback"})
  void everyLogbackAppenderStartsAndTakesAnEvent(String appender) throws Exception {
    for (String endpoint : new String[] {"up", "down", "hang"}) {
      try (LogbackSetup setup = LogbackSetup.create(appender, endpoint)) {
        setup.logger.error("Payment failed for order {}", 42_001L, Failures.realistic());
        Counters c = setup.jahizCounters();
        if (appender.startsWith("jahiz")) {
          assertThat(c.accepted()).isEqualTo(1);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"floor", "jahiz-telegram", "jahiz-receiver", "sentry"})
  void everyLog4j2AppenderStartsAndTakesAnEvent(String appender) throws Exception {
    try (Log4j2Setup setup = Log4j2Setup.create(appender, "up")) {
      setup.logger.error("Payment failed for order {}", 42_001L, Failures.realistic());
      if (appender.startsWith("jahiz")) {
        assertThat(setup.jahizCounters().accepted()).isEqualTo(1);
      }
    }
  }
}
