package dev.jahiz.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jahiz.testing.FakeBotApi;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * samples/spring-boot-sample's executable jar (nested jars, Spring Boot's own Logback set-up and
 * its resets of the logging system) run with the agent. It has the Jahiz Spring Boot starter, which
 * reads the same -Djahiz.* properties as the agent: with the starter switched off (JAHIZ_ENABLED=false,
 * which the agent ignores) the agent does the reporting; with the starter on, the agent stands down
 * for the starter's appender.
 */
class SpringBootAgentIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final FakeBotApi api = new FakeBotApi();

  @AfterEach
  void close() {
    api.close();
  }

  private AppRun bootWithAgentSettings(int port) {
    return AppRun.jar(System.getProperty("boot.jar"))
        .jvm("-Djahiz.botToken=" + FakeBotApi.TOKEN, "-Djahiz.chatId=4242", "-Djahiz.telegramApiUrl=" + api.url(),
            "-Djahiz.appName=orders-by-agent", "-Djahiz.closeTimeout=30s")
        .env("PORT", String.valueOf(port));
  }

  private AppRun bootWithAgentOnly(int port) {
    return bootWithAgentSettings(port).env("JAHIZ_ENABLED", "false");
  }

  @Test
  void aFailingRequestAndAnErrorLoggedAtStartUpArriveOnceEach() throws Exception {
    int port = freePort();
    File out = File.createTempFile("boot", ".out");
    Process serving = bootWithAgentOnly(port).start(out, out);
    try {
      await().atMost(Duration.ofMinutes(2)).ignoreExceptions().until(() -> get(port, "/") == 200);
      assertThat(get(port, "/orders/42")).isEqualTo(500);
      // A second instance on the same port fails while starting: Spring Boot logs why, then exits.
      AppRun.Result failed = bootWithAgentOnly(port).run();
      assertThat(failed.exit).as(failed.toString()).isNotZero();
    } finally {
      serving.destroy();
      assertThat(serving.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    List<String> texts = api.texts();
    assertThat(texts).as(Files.readString(out.toPath())).hasSize(2);
    assertThat(texts).anySatisfy(t -> assertThat(t).contains("Unhandled error: no price list for order 42")
        .contains("orders-by-agent").contains("IllegalStateException"));
    assertThat(texts).anySatisfy(t -> assertThat(t).contains("APPLICATION FAILED TO START").contains(String.valueOf(port)));
  }

  @Test
  void whenTheAppsOwnJahizAppenderIsOnTheAgentStandsDownAndEachEventArrivesOnce() throws Exception {
    int port = freePort();
    File out = File.createTempFile("boot", ".out");
    Process serving = bootWithAgentSettings(port).telegram(api).start(out, out);
    try {
      await().atMost(Duration.ofMinutes(2)).ignoreExceptions().until(() -> get(port, "/") == 200);
      assertThat(get(port, "/orders/42")).isEqualTo(500);
      await().atMost(Duration.ofSeconds(30)).until(() -> api.texts().size() >= 1);
    } finally {
      serving.destroy();
      assertThat(serving.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    // Once: the starter's appender sent it (it reads the same -Djahiz.* properties, so both would
    // name the app alike; the count tells that the agent stood down).
    assertThat(api.texts()).as(Files.readString(out.toPath())).singleElement()
        .satisfies(t -> assertThat(t).contains("no price list for order 42"));
  }

  private static int get(int port, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
