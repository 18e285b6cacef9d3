package dev.jahiz.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jahiz.receiver.testing.Reply;
import dev.jahiz.receiver.testing.RunningReceiver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that send their bodies a byte a second, more of them than the server has threads: the
 * probes and metrics keep answering, and each slow request is cut off after the body timeout.
 */
class SlowClientsTest {
  private static final int SLOW_CONNECTIONS = 260;

  @TempDir Path dir;
  private RunningReceiver receiver;
  private final List<Socket> sockets = new ArrayList<>();
  private final ScheduledExecutorService dribbler = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() throws IOException {
    dribbler.shutdownNow();
    for (Socket s : sockets) {
      s.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void probesAndMetricsAnswerWhileSlowBodiesAreCutOffAfterTheBodyTimeout() throws IOException {
    receiver = RunningReceiver.in(dir).set("JAHIZ_BODY_TIMEOUT_SECONDS", "4").start();
    for (int i = 0; i < SLOW_CONNECTIONS; i++) {
      Socket s = new Socket("127.0.0.1", receiver.receiver().port());
      s.setSoTimeout(30_000);
      s.getOutputStream().write(("POST /webhook/error HTTP/1.1\r\nHost: receiver\r\nContent-Type: application/json\r\n"
          + "Content-Length: 100000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
      sockets.add(s);
    }
    // One byte a second on every connection: never idle long enough for an idle timeout.
    dribbler.scheduleAtFixedRate(() -> {
      for (Socket s : sockets) {
        try {
          OutputStream out = s.getOutputStream();
          out.write(' ');
          out.flush();
        } catch (IOException closedByTheServer) {
          // expected once the receiver gives up on this body
        }
      }
    }, 1, 1, TimeUnit.SECONDS);

    OkHttpClient probe = receiver.http().newBuilder().readTimeout(Duration.ofSeconds(3))
        .callTimeout(Duration.ofSeconds(3)).build();
    for (String path : List.of("/health/live", "/health/ready", "/metrics", "/health/live")) {
      Reply reply = RunningReceiver.send(probe, new Request.Builder().url(receiver.url(path)).build());
      assertThat(reply.status()).as("%s while %d bodies trickle in", path, SLOW_CONNECTIONS).isEqualTo(200);
    }

    // Every slow request is answered, as JSON, once its body took longer than the timeout.
    Socket first = sockets.get(0);
    String answer = readAnswer(first.getInputStream());
    assertThat(answer).startsWith("HTTP/1.1 408").contains("application/json", "\"error\"");
    await().atMost(Duration.ofSeconds(60)).until(() -> sockets.stream().allMatch(SlowClientsTest::closedByServer));
  }

  private static String readAnswer(InputStream in) throws IOException {
    byte[] buffer = new byte[4096];
    StringBuilder text = new StringBuilder();
    int n;
    while (!text.toString().contains("}") && (n = in.read(buffer)) != -1) {
      text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
    }
    return text.toString();
  }

  private static boolean closedByServer(Socket s) {
    try {
      s.setSoTimeout(1);
      InputStream in = s.getInputStream();
      while (true) {
        if (in.read() == -1) {
          return true;
        }
      }
    } catch (java.net.SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }
}
