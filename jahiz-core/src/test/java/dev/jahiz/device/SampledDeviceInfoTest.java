package dev.jahiz.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jahiz.StatusListener;
import dev.jahiz.report.DeviceInfo;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SampledDeviceInfoTest {
  @Test
  void samplesHostOsJvmAndUsageOffTheCallingThread() {
    try (SampledDeviceInfo source = SampledDeviceInfo.start(Duration.ofSeconds(1), StatusListener.stderr())) {
      await().atMost(Duration.ofSeconds(20)).until(() -> source.current() != null
          && source.current().cpuUsage() != null);

      DeviceInfo info = source.current();
      assertThat(info.hostname()).isNotBlank();
      assertThat(info.os()).isNotBlank();
      assertThat(info.jvmVersion()).contains(String.valueOf(Runtime.version().feature()));
      assertThat(info.uptimeSeconds()).isNotNegative();
      assertThat(info.memoryUsage()).isBetween(0.0, 100.0);
      assertThat(info.diskUsage()).isBetween(0.0, 100.0);
      assertThat(info.cpuUsage()).isBetween(0.0, 100.0);
    }
  }

  @Test
  void noneLeavesTheDeviceBlockOut() {
    assertThat(DeviceInfoSource.none().current()).isNull();
  }
}
