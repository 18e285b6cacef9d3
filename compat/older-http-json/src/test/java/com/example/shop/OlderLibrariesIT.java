package com.example.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jahiz.report.ErrorReport;
import dev.jahiz.report.ReportJson;
import dev.jahiz.testing.SampleJar;
import dev.jahiz.webhook.WebhookSignature;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Logback sample, built with OkHttp 4.12 and Jackson 2.12 ahead of Jahiz's own versions. */
class OlderLibrariesIT {
  @RegisterExtension final SampleJar app = new SampleJar();

  @Test
  void failuresStillArriveAsValidMessagesWithEveryField() throws Exception {
    app.run();

    List<String> visible = app.visibleMessages();
    assertThat(visible).as(app.output()).hasSize(2);
    assertThat(visible.get(0)).contains("Checkout of order ord_67890 failed",
        "java.io.UncheckedIOException: payment gateway unreachable for ord_67890", "usr_12345",
        "POST https://shop.example.com/checkout", "cart_total", "299.99",
        "Caused by: java.io.IOException: connection reset by peer");
    assertThat(app.output()).doesNotContain("NoSuchMethodError", "NoClassDefFoundError", "AbstractMethodError");
  }

  @Test
  void reportsToAReceiverAreStillSignedAndComplete() throws Exception {
    try (MockWebServer receiver = new MockWebServer()) {
      receiver.start();
      for (int i = 0; i < 2; i++) {
        receiver.enqueue(new MockResponse.Builder().code(202).build());
      }
      app.run(Map.of("TELEGRAM_BOT_TOKEN", "", "TELEGRAM_CHAT_ID", "",
          "JAHIZ_RECEIVER_URL", receiver.url("/").toString(), "WEBHOOK_SECRET", "older-libraries-secret"));

      RecordedRequest request = receiver.takeRequest(5, TimeUnit.SECONDS);
      if (!request.getBody().utf8().contains("Checkout of order ord_67890 failed")) {
        request = receiver.takeRequest(5, TimeUnit.SECONDS); // the two reports may arrive in either order
      }
      byte[] body = request.getBody().toByteArray();
      assertThat(WebhookSignature.withSecret("older-libraries-secret").verify(body,
          request.getHeaders().get("X-Jahiz-Timestamp"), request.getHeaders().get("X-Jahiz-Signature"), Instant.now())
          .isValid()).isTrue();
      ErrorReport report = ReportJson.parse(body);
      assertThat(report.errorMessage()).isEqualTo("Checkout of order ord_67890 failed");
      assertThat(report.user().userId()).isEqualTo("usr_12345");
      assertThat(report.metadata()).containsEntry("cart_total", 299.99);
      assertThat(report.stacktrace()).contains("Caused by: java.io.IOException: connection reset by peer");
    }
  }

  @Test
  void aStormIsStillGrouped() throws Exception {
    app.run("--errors", "10000", "--distinct", "3");

    app.assertStormGrouped("older-http-json", "java.sql.SQLException", "java.util.concurrent.TimeoutException",
        "java.lang.IllegalStateException");
  }
}
