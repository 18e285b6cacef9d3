package dev.jahiz.log4j2;

import dev.jahiz.report.ErrorReport;
import dev.jahiz.report.InvalidReportException;
import dev.jahiz.report.ReportJson;
import dev.jahiz.webhook.WebhookSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Jahiz receiver on MockWebServer: accepts only correctly signed reports on /webhook/error and
 * keeps them parsed, so tests can check a delivered report field by field. Registered as an
 * extension, it announces itself to the receiver test configs (system property
 * {@code jahiz.test.receiver}) before each test and stops after it.
 */
final class FakeReceiver implements BeforeEachCallback, AfterEachCallback, AutoCloseable {
  static final String SECRET = "receiver-s3cret-value";

  private final MockWebServer server = new MockWebServer();
  private final List<ErrorReport> reports = new CopyOnWriteArrayList<>();
  private final List<String> rejections = new CopyOnWriteArrayList<>();

  FakeReceiver() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return answer(request);
      }
    });
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private MockResponse answer(RecordedRequest request) {
    byte[] body = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
    WebhookSignature.Verdict verdict = WebhookSignature.withSecret(SECRET).verify(body,
        request.getHeaders().get(WebhookSignature.TIMESTAMP_HEADER),
        request.getHeaders().get(WebhookSignature.SIGNATURE_HEADER), Instant.now());
    if (!request.getUrl().encodedPath().equals("/webhook/error") || !verdict.isValid()) {
      rejections.add(request.getUrl().encodedPath() + " " + verdict.reason());
      return new MockResponse.Builder().code(401).body("{\"status\":\"unauthorized\"}").build();
    }
    try {
      reports.add(ReportJson.parse(body));
    } catch (InvalidReportException | RuntimeException e) {
      rejections.add("unparseable: " + e.getMessage());
      return new MockResponse.Builder().code(400).body("{\"status\":\"invalid\"}").build();
    }
    return new MockResponse.Builder().code(202).body("{\"status\":\"accepted\"}").build();
  }

  String url() {
    return server.url("/").toString();
  }

  List<ErrorReport> reports() {
    return new ArrayList<>(reports);
  }

  List<String> rejections() {
    return new ArrayList<>(rejections);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    System.setProperty("jahiz.test.receiver", url());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  @Override
  public void close() {
    server.close();
  }
}
