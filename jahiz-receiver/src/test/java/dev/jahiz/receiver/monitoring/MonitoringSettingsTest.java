package dev.jahiz.receiver.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jahiz.receiver.config.ConfigException;
import dev.jahiz.receiver.config.ReceiverConfig;
import dev.jahiz.receiver.testing.RunningReceiver;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A bad monitoring setting stops the receiver with a message naming it; the SMTP password is never shown. */
class MonitoringSettingsTest {
  private static MonitoringSettings settings(String... keyValues) {
    Map<String, String> env = new HashMap<>(RunningReceiver.in(Path.of("unused")).settings());
    for (int i = 0; i < keyValues.length; i += 2) {
      env.put(keyValues[i], keyValues[i + 1]);
    }
    return ReceiverConfig.from(env).monitoring();
  }

  @Test
  void defaultsAreTheSeedServices() {
    MonitoringSettings s = settings();
    assertThat(s.enabled()).isTrue();
    assertThat(s.alertsEnabled()).isTrue();
    assertThat(s.errorRateThreshold()).isEqualTo(0.1);
    assertThat(s.eventRetention().toDays()).isEqualTo(7);
    assertThat(s.metricsRetention().toDays()).isEqualTo(90);
    assertThat(s.processingTimeout().toSeconds()).isEqualTo(30);
    assertThat(s.smtp()).isEmpty();
  }

  @Test
  void badValuesAreNamed() {
    assertThatThrownBy(() -> settings("WEBHOOK_ERROR_RATE_THRESHOLD", "10%")).isInstanceOf(ConfigException.class)
        .hasMessage("WEBHOOK_ERROR_RATE_THRESHOLD must be a number, was '10%'");
    assertThatThrownBy(() -> settings("WEBHOOK_ERROR_RATE_THRESHOLD", "1.5"))
        .hasMessageContaining("WEBHOOK_ERROR_RATE_THRESHOLD must be between 0.0 and 1.0");
    assertThatThrownBy(() -> settings("WEBHOOK_ALERTS_ENABLED", "maybe"))
        .hasMessageContaining("WEBHOOK_ALERTS_ENABLED must be true or false");
    assertThatThrownBy(() -> settings("EMAIL_HOST", "smtp.example.com"))
        .hasMessageContaining("EMAIL_HOST is set but ADMIN_EMAIL is not");
    assertThatThrownBy(() -> settings("EMAIL_HOST", "smtp.example.com", "ADMIN_EMAIL", "a@example.com",
        "EMAIL_USE_TLS", "true", "EMAIL_USE_SSL", "true")).hasMessageContaining("EMAIL_USE_TLS and EMAIL_USE_SSL");
  }

  @Test
  void smtpFollowsDjangosNamesAndKeepsThePasswordOutOfSight() {
    MonitoringSettings s = settings("EMAIL_HOST", "smtp.example.com", "EMAIL_USE_TLS", "true",
        "EMAIL_HOST_USER", "alerts", "EMAIL_HOST_PASSWORD", "hunter2-secret", "ADMIN_EMAIL", "a@x.org, b@x.org");
    MonitoringSettings.Smtp smtp = s.smtp().orElseThrow();
    assertThat(smtp.port()).isEqualTo(587);
    assertThat(smtp.to()).containsExactly("a@x.org", "b@x.org");
    assertThat(smtp.from()).isEqualTo("jahiz-receiver@localhost");
    assertThat(s.toString()).contains("smtp://alerts:***@smtp.example.com:587 (STARTTLS)")
        .doesNotContain("hunter2-secret");
  }
}
