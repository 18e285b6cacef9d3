package dev.jahiz.config;

import static dev.jahiz.config.JahizOption.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jahiz.logging.EventMapping;
import dev.jahiz.report.ErrorReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JahizOptionTest {
  private static final String TOKEN = "123456789:AAH-secret_token_value";

  private static JahizSettings.Builder telegram() {
    return JahizSettings.builder().environmentVariables(name -> null).set(DEVICE_INFO, "false")
        .set(BOT_TOKEN, TOKEN).set(CHAT_ID, "-100123");
  }

  @Test
  void anOptionAnswersToEachOfTheNamesAConfigMayUse() {
    for (String spelling : List.of("botToken", "BOT_TOKEN", "bot-token", "telegram.bot-token", "TELEGRAM_BOT_TOKEN")) {
      assertThat(JahizOption.named(spelling)).as(spelling).contains(BOT_TOKEN);
    }
    assertThat(JahizOption.named("tag")).contains(TAGS);
    assertThat(JahizOption.named("mdcTag")).contains(MDC_TAGS);
    assertThat(JahizOption.named("bottoken2")).isEmpty();
  }

  @Test
  void everyOptionHasOneNameOfEachKindAndNoTwoShareOne() {
    for (JahizOption option : values()) {
      assertThat(option.optionName()).matches("[a-z][A-Za-z]+");
      assertThat(option.propertyPath()).matches("[a-z]+([.-][a-z]+)*");
      assertThat(option.environmentVariable()).matches("JAHIZ_[A-Z_]+");
      assertThat(option.description()).endsWith(".");
      assertThat(JahizOption.named(option.optionName())).contains(option);
      assertThat(JahizOption.named(option.propertyPath())).contains(option);
      assertThat(JahizOption.named(option.environmentVariable().substring("JAHIZ_".length()))).contains(option);
    }
    assertThat(BOT_TOKEN.environmentVariable()).isEqualTo("JAHIZ_TELEGRAM_BOT_TOKEN");
    assertThat(APP_NAME.environmentVariable()).isEqualTo("JAHIZ_APP_NAME");
    // The seed's variable and the table's are the same name where the seed already had a JAHIZ_ one.
    assertThat(RECEIVER_URL.environmentVariable()).isEqualTo(RECEIVER_URL.plainEnvironmentVariable().orElseThrow());
    assertThat(TELEGRAM_API_URL.environmentVariable())
        .isEqualTo(TELEGRAM_API_URL.plainEnvironmentVariable().orElseThrow());
  }

  @Test
  void theReadmesOptionTableDocumentsEveryOption() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    int start = readme.indexOf("### Options (both appenders)");
    String table = readme.substring(start, readme.indexOf("\n### ", start + 1));
    for (JahizOption option : values()) {
      assertThat(table).as(option.optionName()).contains("`" + option.optionName() + "`");
    }
  }

  @Test
  void onlyTheSecretsAreSensitive() {
    assertThat(List.of(values())).filteredOn(JahizOption::sensitive).containsExactlyInAnyOrder(BOT_TOKEN, WEBHOOK_SECRET);
  }

  @Test
  void anUnknownNameIsRefusedByName() {
    assertThatThrownBy(() -> JahizSettings.builder().set("chatID2", "1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("chatID2 is not a Jahiz option");
  }

  @Test
  void aRepeatableOptionGivenTwiceKeepsBoth() {
    JahizSettings settings = telegram().set(MDC_TAGS, "tenant").set("mdcTag", "region").build();

    ErrorReport report = settings.eventMapping().map("ERROR", List.of(), "boom", "app.Checkout", "main",
        Map.of("tenant", "acme", "region", "eu"), Map.of(), 0L).build();
    assertThat(report.tags()).containsEntry("tenant", "acme").containsEntry("region", "eu");
  }

  @Test
  void theCaptureOptionsAreReadAndCheckedWithTheRest() {
    JahizSettings defaults = telegram().build();
    assertThat(defaults.minimumLevel()).isEqualTo("ERROR");
    assertThat(defaults.includeCallerData()).isFalse();

    JahizSettings warn = telegram().set(MINIMUM_LEVEL, "warn").set(INCLUDE_CALLER_DATA, "yes").build();
    assertThat(warn.minimumLevel()).isEqualTo("WARN");
    assertThat(warn.includeCallerData()).isTrue();

    assertThatThrownBy(() -> telegram().set(MINIMUM_LEVEL, "loud").set(OTHER_MDC_TO_METADATA, "maybe").build())
        .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.problems())
            .anySatisfy(p -> assertThat(p).startsWith("minimumLevel").contains("loud"))
            .anySatisfy(p -> assertThat(p).startsWith("otherMdcToMetadata").contains("maybe")));
  }

  @Test
  void theMdcKeysDefaultToTheSchemasOwnNames() {
    EventMapping mapping = telegram().set(USER_ID_KEY, "uid").build().eventMapping();

    ErrorReport report = mapping.map("ERROR", List.of(), "boom", "app.Checkout", "main",
        Map.of("uid", "42", "email", "a@example.com"), Map.of(), 0L).build();
    assertThat(report.user().userId()).isEqualTo("42");
    assertThat(report.user().email()).isEqualTo("a@example.com");
  }
}
