package com.example.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jahiz.testing.SampleJar;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The repackaged Boot jar, with the Jahiz starter and no logging configuration, run as a user
 * would against a fake Bot API: an endpoint that throws reaches Telegram with the request the
 * starter captured and the user the app's own filter put in the MDC, a failure Tomcat logs is one
 * group headed by the exception's own message, a failed start is reported before the JVM exits,
 * and settings come from the environment alone. The same app on Log4j2
 * (samples/spring-boot-log4j2-sample) runs these tests too.
 */
class OrdersApplicationIT {
  @RegisterExtension final SampleJar sample = new SampleJar();
  private final HttpClient http = HttpClient.newHttpClient();

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private HttpResponse<String> get(String url, String user) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
    if (user != null) {
      request.header("X-User", user);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Starts the jar and waits until it serves; the app's process is the last one started. */
  private String boot(Map<String, String> environment) throws Exception {
    int port = freePort();
    Map<String, String> env = new HashMap<>(environment);
    env.put("PORT", Integer.toString(port));
    sample.start(env);
    String base = "http://127.0.0.1:" + port;
    await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
        .until(() -> get(base + "/", null).statusCode() == 200);
    return base;
  }

  @Test
  void aFailingRequestArrivesWithItsRequestContextAndNothingElseIsSent() throws Exception {
    String base = boot(Map.of());

    HttpResponse<String> failed = get(base + "/orders/42", "alice");

    assertThat(failed.statusCode()).isEqualTo(500);
    await().atMost(Duration.ofSeconds(10)).until(() -> sample.api().texts().size() == 1);
    List<String> visible = sample.visibleMessages();
    assertThat(visible.get(0)).contains("ERROR · orders · sample", "Unhandled error: no price list for order 42",
        "java.lang.IllegalStateException", "Request: GET " + base + "/orders/42", "User: id alice · ip 127.0.0.1",
        "http.route: /orders/{id}", "#team_orders", "OrderController.java", "PriceCalculator.total");
    // Spring's own INFO start-up lines and the successful request stay out of the chat.
    sample.stopAll();
    assertThat(sample.api().texts()).hasSize(1);
  }

  @Test
  void withNoJahizEnvironmentAtAllTheAppStartsAndServesAndSaysJahizIsOff() throws Exception {
    sample.unsetting(SampleJar.JAHIZ_ENVIRONMENT);
    String base = boot(Map.of());

    assertThat(get(base + "/orders/42", "alice").statusCode()).isEqualTo(500);
    assertThat(sample.output()).contains("not started", "no destination")
        .doesNotContain("Application run failed", "_IS_UNDEFINED");
    assertThat(sample.api().calls()).isZero();
  }

  @Test
  void aBadSettingIsNamedAndTheAppStillStartsAndServes() throws Exception {
    String base = boot(Map.of("TELEGRAM_BOT_TOKEN", "not-a-bot-token-AAH-secret"));

    assertThat(get(base + "/orders/42", "alice").statusCode()).isEqualTo(500);
    assertThat(sample.output()).contains("not started", "Telegram bot token is malformed")
        .doesNotContain("Application run failed", "AAH-secret");
    assertThat(sample.api().calls()).isZero();
  }

  @Test
  void aBadPropertyIsOneWarnNamingItAndTheAppStartsAndServes() throws Exception {
    String base = boot(Map.of("JAHIZ_QUEUE_CAPACITY", "lots"));

    assertThat(get(base + "/orders/42", "alice").statusCode()).isEqualTo(500);
    List<String> warnings = sample.output().lines().filter(l -> l.contains("WARN") && l.contains("Jahiz")).toList();
    assertThat(warnings).singleElement().satisfies(w -> assertThat(w)
        .contains("Jahiz not started, the application runs without it", "jahiz.queue.capacity"));
    assertThat(sample.api().calls()).isZero();
  }

  /** The Spring way only: Boot's relaxed binding of JAHIZ_TELEGRAM_* variables, none of the plain ones. */
  @Test
  void settingsGivenOnlyAsSpringEnvironmentVariablesAreEnough() throws Exception {
    sample.unsetting(SampleJar.JAHIZ_ENVIRONMENT);
    String base = boot(Map.of("JAHIZ_TELEGRAM_BOT_TOKEN", dev.jahiz.testing.FakeBotApi.TOKEN,
        "JAHIZ_TELEGRAM_CHAT_ID", "4242", "JAHIZ_TELEGRAM_APIURL", sample.api().url(), "JAHIZ_ENVIRONMENT", "env-only"));

    assertThat(get(base + "/orders/7", null).statusCode()).isEqualTo(500);
    await().atMost(Duration.ofSeconds(10)).until(() -> sample.api().texts().size() == 1);
    assertThat(sample.visibleMessages().get(0)).contains("ERROR · orders · env-only", "no price list for order 7",
        "Request: GET " + base + "/orders/7");
  }

  /**
   * A second instance on the port the first one serves cannot start: Spring Boot logs why and the
   * JVM exits. That report has arrived by the time the process has exited.
   */
  @Test
  void anApplicationThatFailsToStartIsReportedBeforeItsJvmExits() throws Exception {
    String base = boot(Map.of());
    String port = base.substring(base.lastIndexOf(':') + 1);

    Process second = sample.start(Map.of("PORT", port));
    assertThat(second.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).as(sample.output()).isTrue();

    assertThat(second.exitValue()).isNotZero();
    assertThat(sample.visibleMessages()).as(sample.output())
        .anySatisfy(m -> assertThat(m).contains("APPLICATION FAILED TO START", port));
  }

  /**
   * Issue 11: a controller under org.springframework.samples whose exception nothing handles. Tomcat
   * logs it with its wrapper text; after 15 calls the JVM swaps the reflection accessor Spring MVC
   * calls it through (NativeMethodAccessorImpl for GeneratedMethodAccessorN on JDK 17). Still one
   * failure: one message, one follow-up for the 49 repeats, both headed by the exception's message.
   */
  @Test
  void fiftyIdenticalUnhandledFailuresAreOneMessageAndOneRepeatHeadedByTheExceptionsOwnMessage() throws Exception {
    String base = boot(Map.of());

    for (int i = 0; i < 50; i++) {
      assertThat(get(base + "/oups", null).statusCode()).isEqualTo(500);
    }
    // Stopping the app closes the grouping window: the repeats are reported at once.
    sample.stopAll();

    await().atMost(Duration.ofSeconds(10)).until(() -> sample.api().texts().size() >= 2);
    List<String> visible = sample.visibleMessages();
    assertThat(visible).hasSize(2);
    String headline = "java.lang.RuntimeException: Expected: controller used to showcase what happens when an"
        + " exception is thrown";
    assertThat(visible.get(0)).contains(headline + "\nLogged: Servlet.service() for servlet [dispatcherServlet]",
        "Component: CrashController", "CrashController.triggerException", "framework frames")
        .doesNotContain("Repeated");
    assertThat(visible.get(1)).contains(headline, "Repeated: ×49", "Component: CrashController");
  }
}
