package dev.jahiz.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import dev.jahiz.spring.boot.logging.JahizInstaller;
import dev.jahiz.testing.BotApiHtml;
import dev.jahiz.testing.FakeBotApi;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How the starter starts, or stays off, with the settings an app gives it; and that it keeps
 * reporting when the logging system is set up again underneath it.
 */
class StartAndSettingsTest {
  private final FakeBotApi api = new FakeBotApi();

  @AfterEach
  void close() {
    api.close();
  }

  private List<String> visibleMessages(int atLeast) {
    await().atMost(Duration.ofSeconds(15)).until(() -> api.texts().size() >= atLeast);
    return api.texts().stream().map(BotApiHtml::visible).toList();
  }

  @Test
  void settingsGivenOnlyAsEnvironmentVariablesAreRead() throws Exception {
    Map<String, Object> environment = Map.of("JAHIZ_TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN,
        "JAHIZ_TELEGRAM_CHAT_ID", "4242", "JAHIZ_TELEGRAM_API_URL", api.url(), "JAHIZ_DEVICE_INFO", "false",
        "JAHIZ_APP_NAME", "clinic-from-env");
    try (ClinicRun clinic = ClinicRun.start(Map.of(), environment)) {
      assertThat(clinic.get("/visits/1").statusCode()).isEqualTo(200);

      assertThat(visibleMessages(1)).singleElement().satisfies(m -> assertThat(m)
          .contains("ERROR · clinic-from-env", "Visit 1 has no vet", "Request: GET " + clinic.base + "/visits/1"));
    }
  }

  /** The agent's spelling ({@code -Djahiz.botToken}) and the older {@code jahiz.tag} are options too. */
  @Test
  void optionNamesAsTheAppendersSpellThemAreReadAsWell() throws Exception {
    Map<String, Object> properties = Map.of("jahiz.botToken", FakeBotApi.TOKEN, "jahiz.chatId", "4242",
        "jahiz.telegramApiUrl", api.url(), "jahiz.deviceInfo", "false", "jahiz.tag", "team=vets");
    try (CapturedOutput output = new CapturedOutput(); ClinicRun clinic = ClinicRun.start(properties)) {
      assertThat(clinic.get("/visits/13").statusCode()).isEqualTo(200);

      assertThat(visibleMessages(1)).singleElement().satisfies(m -> assertThat(m).contains("Visit 13 has no vet", "#team_vets"));
      assertThat(output.toString()).doesNotContain("not a Jahiz property");
    }
  }

  @Test
  void aBadSettingIsOneWarnNamingThePropertyAndTheAppStartsAndServesWithoutJahiz() throws Exception {
    Map<String, Object> properties = new java.util.HashMap<>(ClinicRun.jahizProperties(api));
    properties.put("jahiz.queue.capacity", "lots");
    try (CapturedOutput output = new CapturedOutput(); ClinicRun clinic = ClinicRun.start(properties)) {
      assertThat(clinic.get("/visits/2").statusCode()).isEqualTo(200);

      List<String> warnings = output.toString().lines().filter(l -> l.contains("WARN") && l.contains("Jahiz")).toList();
      assertThat(warnings).singleElement().satisfies(w -> assertThat(w)
          .contains("Jahiz not started, the application runs without it", "queueCapacity", "jahiz.queue.capacity")
          .doesNotContain(FakeBotApi.TOKEN));
      assertThat(JahizInstaller.current()).isEmpty();
    }
    assertThat(api.calls()).isZero();
  }

  @Test
  void aMisspeltPropertyIsNamedRatherThanSilentlyIgnored() throws Exception {
    Map<String, Object> properties = new java.util.HashMap<>(ClinicRun.jahizProperties(api));
    properties.put("jahiz.telegram.chatt-id", "4243");
    try (CapturedOutput output = new CapturedOutput(); ClinicRun clinic = ClinicRun.start(properties)) {
      assertThat(clinic.get("/visits/12").statusCode()).isEqualTo(200);

      assertThat(output.toString().lines().filter(l -> l.contains("WARN") && l.contains("Jahiz")))
          .singleElement().satisfies(w -> assertThat(w).contains("jahiz.telegram.chatt-id is not a Jahiz property"));
    }
    assertThat(api.calls()).isZero();
  }

  @Test
  void failFastMakesABadSettingFailTheStartNamingTheProperty() {
    Map<String, Object> properties = new java.util.HashMap<>(ClinicRun.jahizProperties(api));
    properties.put("jahiz.queue.capacity", "lots");
    properties.put("jahiz.fail-fast", "true");

    assertThatThrownBy(() -> ClinicRun.start(properties).close())
        .hasMessageContaining("jahiz.queue.capacity").hasMessageContaining("jahiz.fail-fast=true");
  }

  @Test
  void enabledFalseLeavesLoggingAsItIs() throws Exception {
    Map<String, Object> properties = new java.util.HashMap<>(ClinicRun.jahizProperties(api));
    properties.put("jahiz.enabled", "false");
    try (ClinicRun clinic = ClinicRun.start(properties)) {
      assertThat(clinic.get("/visits/3").statusCode()).isEqualTo(200);
      assertThat(JahizInstaller.current()).isEmpty();
      LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
      assertThat(logback.getLogger("ROOT").getAppender("JAHIZ_SPRING_BOOT")).isNull();
      assertThat(clinic.context.getBeanNamesForType(JahizProperties.class)).isEmpty();
    }
    assertThat(api.calls()).isZero();
  }

  @Test
  void anAppWhoseLogbackSpringXmlAlsoHasTheJahizAppenderGetsEachEventOnce() throws Exception {
    Map<String, Object> properties = new java.util.HashMap<>(ClinicRun.jahizProperties(api));
    properties.put("logging.config", "classpath:logback-declared.xml");
    properties.put("declared.api-url", api.url());
    try (ClinicRun clinic = ClinicRun.start(properties)) {
      assertThat(clinic.get("/visits/4").statusCode()).isEqualTo(200);
      assertThat(clinic.get("/owners/4/pets", ClinicRun.basicAuth("alice", "s3cret-password")).statusCode())
          .isEqualTo(500);

      List<String> messages = visibleMessages(2);
      assertThat(messages).hasSize(2);
      // The app's own appender, with its own settings, reported both; the starter's request context is in them.
      assertThat(messages.get(0)).contains("ERROR · declared", "Visit 4 has no vet", "http.route: /visits/{visitId}");
      assertThat(messages.get(1)).contains("ERROR · declared", "pet registry timed out for owner 4", "not logged");
    }
    assertThat(api.texts()).hasSize(2);
  }

  /**
   * Behind an AsyncAppender the app's appender reports on Logback's thread, where the request is not
   * known: its reports lack the request's details, but a failure the controller logged before throwing
   * is still reported once, never again as "not logged".
   */
  @Test
  void anAppWhoseOwnJahizAppenderIsBehindAnAsyncAppenderGetsALoggedFailureOnce() throws Exception {
    Map<String, Object> properties = new java.util.HashMap<>(ClinicRun.jahizProperties(api));
    properties.put("logging.config", "classpath:logback-declared-async.xml");
    properties.put("declared.api-url", api.url());
    try (ClinicRun clinic = ClinicRun.start(properties)) {
      assertThat(clinic.get("/owners/11/bills", ClinicRun.basicAuth("alice", "s3cret-password")).statusCode())
          .isEqualTo(500);
      assertThat(clinic.get("/owners/11/pets", ClinicRun.basicAuth("alice", "s3cret-password")).statusCode())
          .isEqualTo(500);

      List<String> messages = visibleMessages(2);
      assertThat(messages.get(0)).contains("ERROR · declared-async", "Bills of owner 11 failed")
          .doesNotContain("not logged", "Request:");
      assertThat(messages.get(1)).contains("ERROR · declared-async", "pet registry timed out for owner 11",
          "not logged");
    }
    assertThat(api.texts()).hasSize(2);
  }

  @Test
  void aSecondApplicationAndALoggingReloadLeaveTheAppReportingEachEventOnce() throws Exception {
    try (ClinicRun clinic = ClinicRun.start(ClinicRun.jahizProperties(api))) {
      // A second Spring application in the same JVM: Boot stops, resets and configures Logback again.
      SpringApplication second = new SpringApplication(Object.class);
      second.setWebApplicationType(WebApplicationType.NONE);
      second.setDefaultProperties(Map.copyOf(ClinicRun.jahizProperties(api)));
      try (ConfigurableApplicationContext ignored = second.run()) {
        assertThat(clinic.get("/visits/5").statusCode()).isEqualTo(200);
        assertThat(visibleMessages(1)).singleElement()
            .satisfies(m -> assertThat(m).contains("Visit 5 has no vet"));
      }

      // A reload of the logging configuration, as Logback's scan or a library does it.
      LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
      logback.reset();
      JoranConfigurator reload = new JoranConfigurator();
      reload.setContext(logback);
      reload.doConfigure(getClass().getResource("/logback-reloaded.xml"));
      assertThat(clinic.get("/owners/6/pets", ClinicRun.basicAuth("alice", "s3cret-password")).statusCode())
          .isEqualTo(500);

      List<String> messages = visibleMessages(2);
      assertThat(messages.get(1)).contains("pet registry timed out for owner 6");
    }
    assertThat(api.texts()).hasSize(2);
  }
}
