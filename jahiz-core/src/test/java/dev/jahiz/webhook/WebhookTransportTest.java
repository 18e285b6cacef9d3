package dev.jahiz.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jahiz.StatusListener;
import dev.jahiz.client.JahizClient;
import dev.jahiz.delivery.DeliveryOutcome;
import dev.jahiz.report.ErrorReport;
import dev.jahiz.report.ReportJson;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookTransportTest {
  private static final String SECRET = "webhook-s3cret";
  private final MockWebServer receiver = new MockWebServer();
  private WebhookTransport transport;

  @BeforeEach
  void start() throws Exception {
    receiver.start();
    transport = WebhookTransport.builder().receiverUrl(receiver.url("/").toString()).secret(SECRET).build();
  }

  @AfterEach
  void stop() {
    transport.close();
    receiver.close();
  }

  private static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).body("{\"status\":\"x\"}").build();
  }

  @Test
  void postsSignedJsonThatTheReceiverCanVerify() throws Exception {
    receiver.enqueue(status(202));

    DeliveryOutcome outcome = transport.deliver(ErrorReport.builder().errorMessage("signed").eventId("3f2b8c1e-9a4d-4c2e-8f1a-2b3c4d5e6f70").build());

    assertThat(outcome.isDelivered()).isTrue();
    RecordedRequest request = receiver.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getUrl().encodedPath()).isEqualTo("/webhook/error");
    byte[] body = request.getBody().toByteArray();
    assertThat(ReportJson.parse(body).eventId()).isEqualTo("3f2b8c1e-9a4d-4c2e-8f1a-2b3c4d5e6f70");
    WebhookSignature.Verdict verdict = WebhookSignature.withSecret(SECRET).verify(body,
        request.getHeaders().get(WebhookSignature.TIMESTAMP_HEADER),
        request.getHeaders().get(WebhookSignature.SIGNATURE_HEADER), Instant.now());
    assertThat(verdict.isValid()).isTrue();
  }

  @Test
  void olderReceiversAnswering202AndNewerOnesAnswering200AreBothDelivered() {
    // Receivers before the seed's success contract answered a new report 202; newer ones answer 200
    // with the seed's fields alongside Jahiz's own, and 200 "duplicate" for a retried event_id.
    receiver.enqueue(new MockResponse.Builder().code(202)
        .body("{\"status\":\"accepted\",\"id\":\"3f2b8c1e-9a4d-4c2e-8f1a-2b3c4d5e6f70\"}").build());
    receiver.enqueue(new MockResponse.Builder().code(200).body("{\"success\":true,\"message\":\"stored\","
        + "\"error_id\":\"3f2b8c1e-9a4d-4c2e-8f1a-2b3c4d5e6f71\",\"timestamp\":\"2026-11-30T01:00:00Z\","
        + "\"status\":\"accepted\",\"id\":\"3f2b8c1e-9a4d-4c2e-8f1a-2b3c4d5e6f71\"}").build());
    receiver.enqueue(new MockResponse.Builder().code(200).body("{\"success\":true,\"status\":\"duplicate\"}").build());

    assertThat(transport.deliver(ErrorReport.of("to an older receiver")).isDelivered()).isTrue();
    assertThat(transport.deliver(ErrorReport.of("to a newer receiver")).isDelivered()).isTrue();
    assertThat(transport.deliver(ErrorReport.of("a retry it already has")).isDelivered()).isTrue();
  }

  @Test
  void classifiesTheReceiversAnswers() {
    receiver.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "3").build());
    receiver.enqueue(status(503));
    receiver.enqueue(status(401));
    receiver.enqueue(status(422));

    DeliveryOutcome limited = transport.deliver(ErrorReport.of("x"));
    assertThat(limited.kind()).isEqualTo(DeliveryOutcome.Kind.RATE_LIMITED);
    assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(3));
    assertThat(transport.deliver(ErrorReport.of("x")).kind()).isEqualTo(DeliveryOutcome.Kind.RETRYABLE);
    DeliveryOutcome unauthorized = transport.deliver(ErrorReport.of("x"));
    assertThat(unauthorized.kind()).isEqualTo(DeliveryOutcome.Kind.REJECTED);
    assertThat(unauthorized.reason()).contains("WEBHOOK_SECRET").doesNotContain(SECRET);
    assertThat(transport.deliver(ErrorReport.of("x")).kind()).isEqualTo(DeliveryOutcome.Kind.REJECTED);
  }

  @Test
  void aDownReceiverIsRetryable() {
    WebhookTransport down = WebhookTransport.builder().receiverUrl("http://127.0.0.1:1").secret(SECRET).build();
    assertThat(down.deliver(ErrorReport.of("x")).kind()).isEqualTo(DeliveryOutcome.Kind.RETRYABLE);
    down.close();
  }

  @Test
  void settingsAreCheckedAndTheSecretNeverShown() {
    assertThat(transport.describe()).endsWith("/webhook/error)").doesNotContain(SECRET);
    assertThat(WebhookTransport.builder().receiverUrl("http://jahiz:8000/webhook/error").secret(SECRET).build().describe())
        .isEqualTo("receiver(http://jahiz:8000/webhook/error)");
    assertThatThrownBy(() -> WebhookTransport.builder().receiverUrl("jahiz:8000")).hasMessageContaining("receiver URL");
    assertThatThrownBy(() -> WebhookTransport.builder().receiverUrl("http://x").build()).hasMessageContaining("WEBHOOK_SECRET");
    assertThatThrownBy(() -> WebhookTransport.builder().secret(" ")).hasMessageContaining("WEBHOOK_SECRET");
  }

  @Test
  void aClientKeepsSeveralReportsUnderWayAtOnce() throws Exception {
    // The receiver answers only once four requests wait at the same time: delivered one by one,
    // none would ever be answered before its timeout.
    CountDownLatch allWaiting = new CountDownLatch(4);
    receiver.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        allWaiting.countDown();
        return allWaiting.await(20, TimeUnit.SECONDS) ? status(202) : status(500);
      }
    });
    JahizClient client = JahizClient.builder(transport).status(StatusListener.silent()).build();

    for (String failure : List.of("Payment", "Search", "Email", "Invoice")) {
      client.report(ErrorReport.builder().errorMessage(failure + " backend unreachable").errorType(failure + "Exception").build());
    }

    assertThat(client.flush(Duration.ofSeconds(30))).isTrue();
    assertThat(client.counters().sent()).isEqualTo(4);
    assertThat(client.counters().failed()).isZero();
    client.close();
  }
}
