package dev.jahiz.receiver;

import static dev.jahiz.receiver.testing.RunningReceiver.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jahiz.receiver.testing.CapturedLogs;
import dev.jahiz.receiver.testing.Reports;
import dev.jahiz.receiver.testing.RunningReceiver;
import dev.jahiz.receiver.testing.Signed;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Requests broken at the HTTP level, sent as raw bytes since no client library sends them: every
 * answer is the receiver's JSON error, and a body the client cut short is its 400, not our 500.
 */
class HttpLevelErrorsTest {
  @TempDir static Path dir;
  private static RunningReceiver receiver;

  @BeforeAll
  static void start() {
    receiver = RunningReceiver.in(dir).start();
  }

  @AfterAll
  static void stop() {
    receiver.close();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "400 | POST /webhook/error HTTP/1.1\\r\\nHost: r\\r\\nContent-Length: abc\\r\\n\\r\\n",
      "414 | GET /errors?q=LONG_URI HTTP/1.1\\r\\nHost: r\\r\\n\\r\\n",
      "431 | GET /health HTTP/1.1\\r\\nHost: r\\r\\nX-Big: LONG_HEADER\\r\\n\\r\\n",
      "505 | GET /health HTTP/9.9\\r\\nHost: r\\r\\n\\r\\n"})
  void errorsJettyAnswersItselfAreJson(int status, String request) throws IOException {
    String raw = request.replace("\\r\\n", "\r\n").replace("LONG_URI", "x".repeat(20_000))
        .replace("LONG_HEADER", "y".repeat(20_000));

    String answer = exchange(raw.getBytes(StandardCharsets.US_ASCII));

    assertThat(answer).startsWith("HTTP/1.1 " + status);
    assertThat(answer.toLowerCase()).contains("content-type: application/json");
    assertThat(answer.substring(answer.indexOf("\r\n\r\n") + 4)).startsWith("{\"error\":").doesNotContain("<html");
  }

  @Test
  void aBodyCutShortByTheClientIs400WithoutAnErrorInTheLog() throws IOException {
    byte[] body = Reports.body("error_message", "cut short");
    Map<String, String> signed = Signed.timestamped(SECRET, body, receiver.now());
    StringBuilder head = new StringBuilder("POST /webhook/error HTTP/1.1\r\nHost: r\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + (body.length + 100) + "\r\n");
    signed.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    head.append("\r\n");
    try (CapturedLogs logs = new CapturedLogs(); Socket s = new Socket("127.0.0.1", receiver.receiver().port())) {
      s.getOutputStream().write(head.toString().getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().write(body);
      s.shutdownOutput(); // the client goes away before sending what it announced

      String answer = readAll(s.getInputStream());

      assertThat(answer).startsWith("HTTP/1.1 400").contains("\"error\":\"incomplete body\"");
      await().until(() -> logs.text().contains("POST /webhook/error 400"));
      assertThat(logs.text()).doesNotContain("unexpected failure", "ERROR");
    }
  }

  private static String exchange(byte[] request) throws IOException {
    try (Socket s = new Socket("127.0.0.1", receiver.receiver().port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(request);
      s.getOutputStream().flush();
      return readAll(s.getInputStream());
    }
  }

  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int n;
    try {
      while ((n = in.read(buffer)) != -1) {
        out.write(buffer, 0, n);
        String text = out.toString(StandardCharsets.UTF_8);
        int bodyStart = text.indexOf("\r\n\r\n");
        if (bodyStart >= 0 && text.indexOf('}', bodyStart) >= 0) {
          break; // one JSON answer is all that is awaited; keep-alive would hold the connection open
        }
      }
    } catch (java.net.SocketException reset) {
      // the server closed after answering
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
