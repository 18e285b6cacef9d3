package dev.jahiz.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.jahiz.receiver.config.ConfigException;
import dev.jahiz.receiver.config.ReceiverConfig;
import dev.jahiz.receiver.store.StoreException;
import dev.jahiz.receiver.testing.CapturedLogs;
import dev.jahiz.receiver.testing.Reply;
import dev.jahiz.receiver.testing.Reports;
import dev.jahiz.receiver.testing.RunningReceiver;
import dev.jahiz.receiver.testing.Signed;
import dev.jahiz.receiver.testing.SwitchableBotApi;
import dev.jahiz.testing.FakeBotApi;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Settings: what the receiver refuses to start with and why, console mode, and secrets kept out of sight. */
class ConfigTest {
  private static final String TOKEN_SECRET_PART = FakeBotApi.TOKEN.substring(FakeBotApi.TOKEN.indexOf(':') + 1);

  @TempDir Path dir;

  private Map<String, String> valid() {
    return new HashMap<>(RunningReceiver.in(dir).botApi("http://127.0.0.1:9/").settings());
  }

  @Test
  void withoutSecretAndDevModeItRefusesToStartAndSaysHowToMakeOne() {
    Map<String, String> env = valid();
    env.remove("WEBHOOK_SECRET");

    assertThatThrownBy(() -> ReceiverConfig.from(env)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("WEBHOOK_SECRET").hasMessageContaining("openssl rand -hex 32")
        .hasMessageContaining("JAHIZ_DEV_MODE");
  }

  @ParameterizedTest
  @ValueSource(strings = {"WEBHOOK_SECRET", "JAHIZ_READ_TOKEN"})
  void aSecretShorterThan16BytesIsRefusedSayingHowToMakeOneUnlessInDevMode(String name) {
    Map<String, String> env = valid();
    env.put(name, "short-secret");

    assertThatThrownBy(() -> ReceiverConfig.from(env)).isInstanceOf(ConfigException.class)
        .hasMessageContaining(name).hasMessageContaining("openssl rand -hex 32").hasMessageContaining("16")
        .hasMessageNotContaining("short-secret");
    env.put("JAHIZ_DEV_MODE", "true");
    assertThat(ReceiverConfig.from(env).devMode()).isTrue();
  }

  @Test
  void blankSecretCountsAsMissing() {
    Map<String, String> env = valid();
    env.put("WEBHOOK_SECRET", "   ");

    assertThatThrownBy(() -> ReceiverConfig.from(env)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("openssl rand -hex 32");
  }

  @Test
  void tokenWithoutChatIsRefusedWithoutRepeatingTheToken() {
    Map<String, String> env = valid();
    env.remove("TELEGRAM_CHAT_ID");

    assertThatThrownBy(() -> ReceiverConfig.from(env)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("TELEGRAM_CHAT_ID").hasMessageNotContaining(TOKEN_SECRET_PART);
  }

  @ParameterizedTest
  @CsvSource({"JAHIZ_PORT, eighty", "JAHIZ_PORT, 70000", "JAHIZ_MAX_BATCH, 0", "JAHIZ_DEV_MODE, maybe",
      "JAHIZ_DB_SYNCHRONOUS, OFF", "JAHIZ_RETENTION_DAYS, -1", "JAHIZ_ALLOW_SECRET_HEADER, sometimes",
      "JAHIZ_TRUSTED_PROXIES, proxy.internal", "JAHIZ_TRUSTED_PROXIES, 10.0.0.0/99", "JAHIZ_BODY_TIMEOUT_SECONDS, 0",
      "JAHIZ_DB_URL, mysql://db:3306/jahiz", "JAHIZ_DELIVERY_LEASE_SECONDS, 20"})
  void badValuesAreRefusedNamingTheSetting(String name, String value) {
    Map<String, String> env = valid();
    env.put(name, value);

    assertThatThrownBy(() -> ReceiverConfig.from(env)).isInstanceOf(ConfigException.class)
        .hasMessageContaining(name).hasMessageNotContaining(RunningReceiver.SECRET);
  }

  @Test
  void anUnreachablePostgresqlStopsTheStartNamingTheSettingAndNotThePassword() {
    Map<String, String> env = valid();
    env.put("JAHIZ_DB_URL", "jdbc:postgresql://127.0.0.1:9/jahiz?user=jahiz&password=pg-password-kept-secret");

    assertThatThrownBy(() -> Receiver.start(ReceiverConfig.from(env), java.time.Clock.systemUTC(),
        RunningReceiver.NO_CONSOLE)).isInstanceOf(StoreException.class)
        .hasMessageContaining("JAHIZ_DB_URL=jdbc:postgresql://127.0.0.1:9/jahiz")
        .hasMessageContaining("Connection").hasMessageNotContaining("pg-password-kept-secret");
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "JAHIZ_CORS_ORIGINS; https://app.example.com/checkout; is not an origin",
      "JAHIZ_CORS_ORIGINS; app.example.com; is not an origin",
      "JAHIZ_CORS_ORIGINS; https://a.example.com,,https://b.example.com; empty origin",
      "JAHIZ_PUBLIC_KEYS; pk_live_0123456789abcdef; has no origins",
      "JAHIZ_PUBLIC_KEYS; short@https://app.example.com; 16 to 128",
      "JAHIZ_PUBLIC_KEYS; pk_live_0123456789abcdef@ftp://files.example.com; is not an origin",
      "JAHIZ_PUBLIC_KEYS; pk_live_0123456789abcdef@https://a.example.com,pk_live_0123456789abcdef@https://b.example.com;"
          + " repeats an earlier key",
      "JAHIZ_PUBLIC_KEY_REPORTS_PER_MINUTE; 0; between",
      "JAHIZ_PUBLIC_KEY_ADDRESS_REPORTS_PER_MINUTE; lots; whole number"})
  void badBrowserSettingsAreRefusedNamingTheSettingAndHowToWriteIt(String name, String value, String says) {
    Map<String, String> env = valid();
    env.put(name, value);

    assertThatThrownBy(() -> ReceiverConfig.from(env)).isInstanceOf(ConfigException.class)
        .hasMessageContaining(name).hasMessageContaining(says).hasMessageNotContaining("pk_live_0123456789abcdef");
  }

  @Test
  void aBrowserKeyEqualToTheWebhookSecretIsRefusedWithoutRepeatingIt() {
    Map<String, String> env = valid();
    env.put("JAHIZ_PUBLIC_KEYS", "pk_ok_000000000000000@https://a.example.com,"
        + RunningReceiver.SECRET + "@https://app.example.com");

    assertThatThrownBy(() -> ReceiverConfig.from(env)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("JAHIZ_PUBLIC_KEYS entry 2 is the WEBHOOK_SECRET")
        .hasMessageNotContaining(RunningReceiver.SECRET);
    env.put("JAHIZ_PUBLIC_KEYS", RunningReceiver.READ_TOKEN + "@https://app.example.com");
    assertThatThrownBy(() -> ReceiverConfig.from(env)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("JAHIZ_PUBLIC_KEYS entry 1 is a JAHIZ_READ_TOKEN")
        .hasMessageNotContaining(RunningReceiver.READ_TOKEN);
  }

  @Test
  void browserSettingsAreReadAsWritten() {
    Map<String, String> env = valid();
    env.put("JAHIZ_CORS_ORIGINS", "https://Status.Example.com/, http://localhost:8080");
    env.put("JAHIZ_PUBLIC_KEYS", " pk_shop_4f1c9a0b7e2d @ https://shop.example.com:443 | http://localhost:5173 ,"
        + "pk_any_00000000000000@*");

    ReceiverConfig config = ReceiverConfig.from(env);

    assertThat(config.corsOrigins().allows("https://status.example.com")).isTrue();
    assertThat(config.corsOrigins().allows("http://localhost:8080")).isTrue();
    assertThat(config.corsOrigins().allows("https://evil.example")).isFalse();
    assertThat(config.publicKeys()).hasSize(2);
    assertThat(config.publicKeys().get(0).key()).isEqualTo("pk_shop_4f1c9a0b7e2d");
    assertThat(config.publicKeys().get(0).origins().allows("https://shop.example.com")).isTrue();
    assertThat(config.publicKeys().get(0).origins().allows("http://localhost:5173")).isTrue();
    assertThat(config.publicKeys().get(0).origins().allows("http://localhost:5174")).isFalse();
    assertThat(config.publicKeys().get(1).origins().isAny()).isTrue();
    assertThat(config.toString()).doesNotContain("pk_shop_4f1c9a0b7e2d");
  }

  @Test
  void toStringNeverShowsSecretOrToken() {
    String text = ReceiverConfig.from(valid()).toString();

    assertThat(text).doesNotContain(RunningReceiver.SECRET).doesNotContain(TOKEN_SECRET_PART).contains("***");
  }

  @Test
  void consoleModeStoresAndPrintsTheRenderedMessage() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream console = new PrintStream(out, true, StandardCharsets.UTF_8);
    try (RunningReceiver receiver = RunningReceiver.in(dir).console(console).start()) {
      assertThat(receiver.getAnonymous("/").json().path("mode").asText()).isEqualTo("console");

      Reply reply = receiver.postSigned("/webhook/error", Reports.body("error_message", "Printer on fire",
          "error_type", "PrinterException", "app_name", "office", "severity", "critical", "tags",
          Map.of("floor", "3")));

      assertThat(reply.status()).isEqualTo(200);
      await().until(() -> out.toString(StandardCharsets.UTF_8).contains("Printer on fire"));
      assertThat(out.toString(StandardCharsets.UTF_8))
          .contains("console mode", "CRITICAL", "office", "PrinterException: Printer on fire", "#floor_3")
          .doesNotContain("<b>");
      await().until(() -> receiver.errors("status=delivered").path("total").asLong() == 1);
      assertThat(receiver.getAnonymous("/health").json().path("telegram").path("mode").asText()).isEqualTo("console");
    }
  }

  @Test
  void secretAndTokenNeverAppearInLogsOrAnswers() {
    List<Reply> replies = new ArrayList<>();
    String logs;
    try (CapturedLogs captured = new CapturedLogs(); SwitchableBotApi api = new SwitchableBotApi()) {
      api.bot().thenAnswer(FakeBotApi.json(401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}"));
      try (RunningReceiver receiver = RunningReceiver.in(dir).botApi(api.url()).start()) {
        byte[] body = Reports.body("error_message", "logged everywhere");
        replies.add(receiver.getAnonymous("/health"));
        replies.add(receiver.postJson("/webhook/error", body, Signed.secretHeader(RunningReceiver.SECRET + "typo")));
        replies.add(receiver.postJson("/webhook/error", body, Signed.bodyHex("wrong", body)));
        replies.add(receiver.get("/errors", Map.of("Authorization", "Bearer " + RunningReceiver.SECRET + "typo")));
        replies.add(receiver.get("/errors", Map.of("Authorization", "Bearer " + RunningReceiver.READ_TOKEN + "typo")));
        api.down();
        replies.add(receiver.postSigned("/webhook/error", body));
        await().until(() -> api.failedCalls() >= 2);
        replies.add(receiver.get("/errors"));
        replies.add(receiver.getAnonymous("/metrics"));
      }
      // A Bot API that cannot be reached at all.
      try (RunningReceiver receiver = RunningReceiver.in(dir).botApi("http://127.0.0.1:9/").start()) {
        replies.add(receiver.getAnonymous("/health"));
        replies.add(receiver.postSigned("/webhook/error", Reports.body("error_message", "nowhere")));
        await().until(() -> receiver.errors("").path("data").get(0).path("failure_reason").asText().length() > 0);
        replies.add(receiver.get("/errors"));
      }
      logs = captured.text();
    }

    assertThat(logs).contains("listening on port", "rejected unauthenticated request", "delivery failed");
    assertThat(logs).doesNotContain(RunningReceiver.SECRET).doesNotContain(TOKEN_SECRET_PART)
        .doesNotContain(RunningReceiver.READ_TOKEN);
    assertThat(replies).allSatisfy(r -> assertThat(r.body())
        .doesNotContain(RunningReceiver.SECRET).doesNotContain(TOKEN_SECRET_PART)
        .doesNotContain(RunningReceiver.READ_TOKEN));
  }
}
