package dev.jahiz.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jahiz.config.JahizOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** How the agent reads its settings from the environment and system properties, by jahiz-core's option table. */
class AgentSettingsTest {
  private final Map<String, String> env = new HashMap<>(Map.of(
      "TELEGRAM_BOT_TOKEN", "123456789:AAH-secret_token_value", "TELEGRAM_CHAT_ID", "4242"));
  private final Properties properties = new Properties();

  @Test
  void everyOptionOfTheTableIsASettingUnderItsEnvironmentVariableAndItsPropertyName() throws Exception {
    for (JahizOption option : JahizOption.values()) {
      Map<String, String> withOption = new HashMap<>(env);
      withOption.put(option.environmentVariable(), "x");
      Properties asProperty = new Properties();
      asProperty.setProperty("jahiz." + option.optionName(), "x");
      for (Properties given : new Properties[] {new Properties(), asProperty}) {
        String as = given.isEmpty() ? option.environmentVariable() : "-Djahiz." + option.optionName();
        try {
          assertThat(AgentSettings.read(given.isEmpty() ? withOption : env, given).option(option.optionName())).as(as)
              .isEqualTo("x");
        } catch (AgentSettings.Invalid refused) {
          // "x" is no number, duration or URL (or a receiver URL without its secret): refused, so it was read,
          // since the settings without it are good and an unknown variable is left alone.
          assertThat(String.join("\n", refused.problems())).as(as).doesNotContain("is not a Jahiz setting");
        }
      }
    }
    env.put("JAHIZ_APP_NAME", "billing");
    properties.setProperty("jahiz.environment", "prod");
    properties.setProperty("jahiz.minimum-level", "warn");

    AgentSettings settings = AgentSettings.read(env, properties);

    assertThat(settings.option("appName")).isEqualTo("billing");
    assertThat(settings.option("environment")).isEqualTo("prod");
    assertThat(settings.option("minimumLevel")).isEqualTo("warn");
  }

  @Test
  void aSystemPropertyWinsOverTheEnvironment() throws Exception {
    env.put("JAHIZ_APP_NAME", "from-environment");
    properties.setProperty("jahiz.appName", "from-property");

    assertThat(AgentSettings.read(env, properties).option("APP_NAME")).isEqualTo("from-property");
  }

  @Test
  void anUnknownPropertyIsNamedButOtherJahizVariablesAreLeftToTheirOwners() throws Exception {
    // The receiver's variables share the prefix: the agent does not read them, nor complain.
    env.put("JAHIZ_DB_PATH", "/var/lib/jahiz.db");
    assertThat(AgentSettings.read(env, properties)).isNotNull();

    properties.setProperty("jahiz.appNmae", "billing");
    assertThatThrownBy(() -> AgentSettings.read(env, properties)).isInstanceOfSatisfying(AgentSettings.Invalid.class,
        e -> assertThat(e.problems()).singleElement().asString().contains("-Djahiz.appNmae is not a Jahiz setting")
            .contains("appName"));
  }

  @Test
  void aBadValueIsNamedAsTheUserGaveIt() {
    env.put("JAHIZ_QUEUE_CAPACITY", "lots");
    properties.setProperty("jahiz.minimumLevel", "LOUD");

    assertThatThrownBy(() -> AgentSettings.read(env, properties)).isInstanceOfSatisfying(AgentSettings.Invalid.class,
        e -> assertThat(String.join("\n", e.problems())).contains("JAHIZ_QUEUE_CAPACITY").contains("lots")
            .contains("-Djahiz.minimumLevel").contains("LOUD"));
  }

  @Test
  void noDestinationIsNamed() {
    assertThatThrownBy(() -> AgentSettings.read(Map.of("JAHIZ_APP_NAME", "billing"), properties))
        .isInstanceOfSatisfying(AgentSettings.Invalid.class,
            e -> assertThat(String.join("\n", e.problems())).contains("no destination").contains("TELEGRAM_BOT_TOKEN"));
  }

  @Test
  void deviceInfoIsOffByDefaultOnlyWhereJava24WouldWarnAboutJnasNativeAccess() throws Exception {
    String expected = Runtime.version().feature() >= 24 ? "false" : null;
    assertThat(AgentSettings.read(env, properties).option("deviceInfo")).isEqualTo(expected);

    properties.setProperty("jahiz.deviceInfo", "true");
    assertThat(AgentSettings.read(env, properties).option("deviceInfo")).isEqualTo("true");
  }
}
