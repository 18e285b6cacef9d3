package dev.jahiz.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jahiz.agent.apps.LogbackApp;
import dev.jahiz.testing.FakeBotApi;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The agent in receiver mode: signed reports, accepted by the real receiver jar, which sends them on. */
class ReceiverModeAgentIT {
  private static final String SECRET = "agent-receiver-secret-0123456789";
  private final FakeBotApi api = new FakeBotApi();

  @AfterEach
  void close() {
    api.close();
  }

  @Test
  void signedReportsAreAcceptedByTheReceiverAndDelivered() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path dir = Files.createTempDirectory("receiver");
    File log = dir.resolve("receiver.log").toFile();
    ProcessBuilder receiver = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", System.getProperty("receiver.jar")).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log);
    receiver.environment().keySet().removeIf(k -> k.startsWith("JAHIZ_") || AppRun.JAHIZ_ENVIRONMENT.contains(k));
    receiver.environment().put("JAHIZ_PORT", String.valueOf(port));
    receiver.environment().put("JAHIZ_HOST", "127.0.0.1");
    receiver.environment().put("JAHIZ_DB_PATH", dir.resolve("jahiz.db").toString());
    receiver.environment().put("WEBHOOK_SECRET", SECRET);
    receiver.environment().put("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN);
    receiver.environment().put("TELEGRAM_CHAT_ID", "4242");
    receiver.environment().put("JAHIZ_TELEGRAM_API_URL", api.url());
    Process running = receiver.start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      await().atMost(Duration.ofMinutes(2)).ignoreExceptions().until(() -> http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200);

      AppRun.Result run = AppRun.app("logback-newest", LogbackApp.class.getName())
          .env("JAHIZ_RECEIVER_URL", "http://127.0.0.1:" + port).env("WEBHOOK_SECRET", SECRET)
          .env("JAHIZ_APP_NAME", "billing").env("JAHIZ_CLOSE_TIMEOUT", "30s").run();
      assertThat(run.exit).as(run.toString()).isZero();
      assertThat(run.err).as(run.toString()).isEmpty();

      await().atMost(Duration.ofMinutes(1)).until(() -> api.texts().size() >= 3);
      assertThat(api.texts()).as(Files.readString(log.toPath())).hasSize(3)
          .anySatisfy(t -> assertThat(t).contains("payment failed for order 42").contains("billing"));
    } finally {
      running.destroy();
      running.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
