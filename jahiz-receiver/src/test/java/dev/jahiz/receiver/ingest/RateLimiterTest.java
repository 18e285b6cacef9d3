package dev.jahiz.receiver.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private static final Instant T0 = Instant.parse("2026-11-30T02:00:00Z");

  @Test
  void eachNameHasItsOwnMinuteAndIsToldHowLongToWait() {
    RateLimiter limiter = new RateLimiter(2, 100);

    assertThat(limiter.acquire("a", T0)).isNull();
    assertThat(limiter.acquire("a", T0.plusSeconds(10))).isNull();
    assertThat(limiter.acquire("a", T0.plusSeconds(20))).isEqualTo(Duration.ofSeconds(40));
    assertThat(limiter.acquire("b", T0.plusSeconds(20))).as("another name").isNull();
    assertThat(limiter.acquire("a", T0.plusSeconds(60))).as("a new minute").isNull();
  }

  @Test
  void aFloodOfNewNamesNeitherGrowsMemoryNorLocksAnyoneOut() {
    RateLimiter limiter = new RateLimiter(1, 1000);
    for (int i = 0; i < 1000; i++) {
      limiter.acquire("10.0." + (i / 256) + "." + (i % 256), T0);
    }

    // Full of fresh windows: a newcomer is let through uncounted (the per-key limit still caps the total).
    assertThat(limiter.acquire("192.0.2.1", T0.plusSeconds(1))).isNull();
    assertThat(limiter.acquire("192.0.2.1", T0.plusSeconds(2))).isNull();
    assertThat(limiter.acquire("10.0.0.0", T0.plusSeconds(3))).as("known names keep their limit").isNotNull();
    // Once the old windows expire they make room, and the newcomer is limited like anyone.
    assertThat(limiter.acquire("192.0.2.1", T0.plusSeconds(61))).isNull();
    assertThat(limiter.acquire("192.0.2.1", T0.plusSeconds(62))).isNotNull();
  }
}
