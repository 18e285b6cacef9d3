package dev.jahiz.receiver.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jahiz.receiver.config.ConfigException;
import dev.jahiz.receiver.config.ReceiverConfig;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Triage settings that cannot work are refused at start, naming the setting; the secret never shows. */
class TriageSettingsTest {
  private static final String SECRET = "webhook-secret-0123456789abcdef";

  private static ReceiverConfig config(String... namesAndValues) {
    Map<String, String> env = new HashMap<>(Map.of("WEBHOOK_SECRET", SECRET));
    for (int i = 0; i < namesAndValues.length; i += 2) {
      env.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return ReceiverConfig.from(env);
  }

  @Test
  void pollingIsTheDefaultAndThePublicUrlLosesItsTrailingSlash() {
    TriageSettings triage = config("JAHIZ_PUBLIC_URL", "https://jahiz.example.com/").triage();

    assertThat(triage.updates()).isEqualTo(TriageSettings.Updates.POLLING);
    assertThat(triage.publicUrl()).contains("https://jahiz.example.com");
  }

  @Test
  void webhookModeNeedsAPublicUrlAndATelegramSecretToken() {
    assertThatThrownBy(() -> config("JAHIZ_TELEGRAM_UPDATES", "webhook"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("JAHIZ_PUBLIC_URL");
    assertThatThrownBy(() -> config("JAHIZ_TELEGRAM_UPDATES", "webhook", "JAHIZ_PUBLIC_URL", "https://j.example.com"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("JAHIZ_TELEGRAM_WEBHOOK_SECRET");
    assertThatThrownBy(() -> config("JAHIZ_TELEGRAM_UPDATES", "webhook", "JAHIZ_PUBLIC_URL", "https://j.example.com",
        "JAHIZ_TELEGRAM_WEBHOOK_SECRET", "has spaces and is long enough"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("A-Z, a-z, 0-9, _ and -")
        .hasMessageNotContaining("has spaces");
    assertThat(config("JAHIZ_TELEGRAM_UPDATES", "webhook", "JAHIZ_PUBLIC_URL", "https://j.example.com",
        "JAHIZ_TELEGRAM_WEBHOOK_SECRET", "abcdef0123456789abcdef").triage().webhookSecret()).isPresent();
  }

  @Test
  void aPublicUrlThatIsNoWebAddressAndAnUnknownModeAreNamed() {
    assertThatThrownBy(() -> config("JAHIZ_PUBLIC_URL", "jahiz.example.com"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("JAHIZ_PUBLIC_URL");
    assertThatThrownBy(() -> config("JAHIZ_TELEGRAM_UPDATES", "carrier-pigeon"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("JAHIZ_TELEGRAM_UPDATES");
  }
}
