package dev.jahiz.receiver.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuthFailureLimiterTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void memoryStaysBoundedWhenAFloodOfAddressesFailsWithinOneMinute() {
    AuthFailureLimiter limiter = new AuthFailureLimiter(3);
    for (int i = 0; i < 3; i++) {
      limiter.recordFailure("198.51.100.1", NOW);
    }
    for (int i = 0; i < 200_000; i++) {
      limiter.recordFailure("2001:db8::" + Integer.toHexString(i), NOW.plusMillis(i / 10));
    }

    assertThat(limiter.tracked()).isLessThanOrEqualTo(AuthFailureLimiter.MAX_TRACKED);
    assertThat(limiter.blockedFor("198.51.100.1", NOW.plusSeconds(30)))
        .as("an address already locked out is the last to be forgotten").isNotNull();
  }
}
