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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The repackaged Boot jar, run as a user would, against a fake Bot API: an endpoint that throws
 * reaches Telegram with the request context the app's own filter put in the MDC.
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

  @Test
  void aFailingRequestArrivesWithItsRequestContextAndNothingElseIsSent() throws Exception {
    int port = freePort();
    Process app = sample.start(Map.of("PORT", Integer.toString(port)));
    String base = "http://127.0.0.1:" + port;
    await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
        .until(() -> get(base + "/", null).statusCode() == 200);

    HttpResponse<String> failed = get(base + "/orders/42", "alice");

    assertThat(failed.statusCode()).isEqualTo(500);
    await().atMost(Duration.ofSeconds(10)).until(() -> sample.api().texts().size() == 1);
    List<String> visible = sample.visibleMessages();
    assertThat(visible.get(0)).contains("Unhandled error: no price list for order 42",
        "java.lang.IllegalStateException", "GET " + base + "/orders/42", "alice", "orders", "sample",
        "#team_orders", "OrderController.java", "PriceCalculator.total");
    // Spring's own INFO start-up lines and the successful request stay out of the chat.
    app.destroy();
    assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(sample.api().texts()).hasSize(1);
  }
}
