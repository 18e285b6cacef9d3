package dev.jahiz.config;

import static dev.jahiz.config.JahizOption.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.jahiz.StatusListener;
import dev.jahiz.client.JahizClient;
import dev.jahiz.report.ErrorReport;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class JahizSettingsTest {
  private static final String TOKEN = "123456789:AAH-secret_token_value";

  private static JahizSettings.Builder with(Map<String, String> env) {
    return JahizSettings.builder().environmentVariables(env::get).set(DEVICE_INFO, "false");
  }

  @Test
  void takesTheSeedServicesEnvironmentVariablesAsDefaults() {
    JahizSettings settings = with(Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_CHAT_ID", "-100123",
        "JAHIZ_TELEGRAM_API_URL", "http://localhost:8081")).build();

    assertThat(settings.destination()).isEqualTo(JahizSettings.Destination.TELEGRAM);
    assertThat(settings.toString()).isEqualTo("JahizSettings(telegram(chat=-100123, api=localhost))");
  }

  @Test
  void aReceiverUrlSendsToTheReceiver() {
    JahizSettings settings = with(Map.of("JAHIZ_RECEIVER_URL", "http://jahiz:8000", "WEBHOOK_SECRET", "s3cret",
        "TELEGRAM_BOT_TOKEN", TOKEN)).build();

    assertThat(settings.destination()).isEqualTo(JahizSettings.Destination.RECEIVER);
    assertThat(settings.toString()).contains("receiver(http://jahiz:8000/webhook/error)").doesNotContain("s3cret");
  }

  @Test
  void namesEveryBadSettingAtOnceWithoutEchoingSecrets() {
    InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class, () -> with(Map.of())
        .set(BOT_TOKEN, "oops-AAH-secret").set(CHAT_ID, "-1").set(GROUPING_WINDOW, "soon").set(QUEUE_CAPACITY, "many")
        .set(PROXY, "localhost").set(TAGS, "=x").set(SILENT_BELOW, "loud").build());

    assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("bot token is malformed"))
        .anySatisfy(p -> assertThat(p).startsWith("groupingWindow"))
        .anySatisfy(p -> assertThat(p).startsWith("queueCapacity"))
        .anySatisfy(p -> assertThat(p).startsWith("proxy"))
        .anySatisfy(p -> assertThat(p).contains("has no key"))
        .anySatisfy(p -> assertThat(p).startsWith("silentBelow").contains("critical"));
    assertThat(e.getMessage()).doesNotContain("AAH-secret");
  }

  @Test
  void missingOrContradictoryDestinationsAreExplained() {
    assertThat(catchThrowableOfType(InvalidSettingsException.class, () -> with(Map.of()).build()).getMessage())
        .contains("no destination", "TELEGRAM_BOT_TOKEN", "JAHIZ_RECEIVER_URL");
    assertThat(catchThrowableOfType(InvalidSettingsException.class,
        () -> with(Map.of()).set(BOT_TOKEN, TOKEN).set(CHAT_ID, "1").set(RECEIVER_URL, "http://x").set(WEBHOOK_SECRET, "s").build()).getMessage())
        .contains("both receiverUrl and botToken");
    assertThat(catchThrowableOfType(InvalidSettingsException.class,
        () -> with(Map.of()).set(RECEIVER_URL, "http://x").build()).getMessage()).contains("webhookSecret is missing");
    assertThat(catchThrowableOfType(InvalidSettingsException.class,
        () -> with(Map.of()).set(BOT_TOKEN, TOKEN).build()).getMessage()).contains("chat id is missing");
  }

  @Test
  void durationsReadTheWayPeopleWriteThem() {
    java.util.List<String> problems = new java.util.ArrayList<>();
    assertThat(OptionValues.parseDuration("60s", "w", problems)).isEqualTo(Duration.ofSeconds(60));
    assertThat(OptionValues.parseDuration("5m", "w", problems)).isEqualTo(Duration.ofMinutes(5));
    assertThat(OptionValues.parseDuration("500ms", "w", problems)).isEqualTo(Duration.ofMillis(500));
    assertThat(OptionValues.parseDuration("PT2M", "w", problems)).isEqualTo(Duration.ofMinutes(2));
    assertThat(OptionValues.parseDuration("90", "w", problems)).isEqualTo(Duration.ofSeconds(90));
    assertThat(problems).isEmpty();
  }

  @Test
  void startsAWorkingClient() {
    JahizClient client = with(Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_CHAT_ID", "1"))
        .set(TAGS, "team=backend, canary").set(QUEUE_CAPACITY, "10").set(MAX_MESSAGES_PER_MINUTE, "6").build().startClient(StatusListener.silent());
    assertThat(client.isClosed()).isFalse();
    client.close(Duration.ZERO);
    assertThat(client.isClosed()).isTrue();
  }

  @Test
  void anHttpProxyCarriesTheCallsOfEitherDestination() throws Exception {
    try (MockWebServer proxy = new MockWebServer()) {
      proxy.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
          .body("{\"ok\":true,\"result\":{\"message_id\":1}}").build());
      proxy.enqueue(new MockResponse.Builder().code(202).build());
      proxy.start();
      String through = "http://127.0.0.1:" + proxy.getPort();

      JahizClient direct = with(Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_CHAT_ID", "1"))
          .set(TELEGRAM_API_URL, "http://bot-api.example").set(PROXY, through).build().startClient(StatusListener.silent());
      direct.report(ErrorReport.of("to Telegram through the proxy"));
      direct.close(Duration.ofSeconds(5));
      JahizClient viaReceiver = with(Map.of("JAHIZ_RECEIVER_URL", "http://jahiz.example:8000", "WEBHOOK_SECRET", "s3cret"))
          .set(PROXY, through).build().startClient(StatusListener.silent());
      viaReceiver.report(ErrorReport.of("to the receiver through the proxy"));
      viaReceiver.close(Duration.ofSeconds(5));

      // A proxied plain-HTTP request names the whole target URL in its request line.
      RecordedRequest telegram = proxy.takeRequest(5, TimeUnit.SECONDS);
      assertThat(telegram.getTarget()).isEqualTo("http://bot-api.example/bot" + TOKEN + "/sendMessage");
      assertThat(telegram.getBody().utf8()).contains("to Telegram through the proxy");
      RecordedRequest receiver = proxy.takeRequest(5, TimeUnit.SECONDS);
      assertThat(receiver.getTarget()).isEqualTo("http://jahiz.example:8000/webhook/error");
      assertThat(receiver.getBody().utf8()).contains("to the receiver through the proxy");
    }
  }

  @Test
  void anOversizedNumberIsNamedWithTheOtherProblemsNotThrownOut() {
    InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class, () -> with(Map.of())
        .set(BOT_TOKEN, TOKEN).set(CHAT_ID, "1").set(CLOSE_TIMEOUT, "99999999999999999999s").set(GROUPING_WINDOW, "9999999999999999h")
        .set(QUEUE_CAPACITY, "99999999999").set(MAX_ATTEMPTS, "x").build());

    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("closeTimeout"))
        .anySatisfy(p -> assertThat(p).startsWith("groupingWindow"))
        .anySatisfy(p -> assertThat(p).startsWith("queueCapacity"))
        .anySatisfy(p -> assertThat(p).startsWith("maxAttempts"));
  }

  @Test
  void theTransportsWarningsGoToTheListenerTheClientWasStartedWith() throws Exception {
    try (dev.jahiz.testing.FakeBotApi api = new dev.jahiz.testing.FakeBotApi()) {
      api.thenAnswer(dev.jahiz.testing.FakeBotApi.json(400,
          "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: can't parse entities: oops\"}"));
      java.util.List<String> status = new java.util.concurrent.CopyOnWriteArrayList<>();
      JahizClient client = with(Map.of()).set(BOT_TOKEN, dev.jahiz.testing.FakeBotApi.TOKEN).set(CHAT_ID, "1")
          .set(TELEGRAM_API_URL, api.url()).build().startClient((level, message, cause) -> status.add(message));

      client.report(ErrorReport.of("<b>unbalanced"));
      client.close(Duration.ofSeconds(5));

      assertThat(api.messages()).hasSize(1);
      assertThat(status).anySatisfy(s -> assertThat(s).contains("resent as plain text"));
    }
  }
}
