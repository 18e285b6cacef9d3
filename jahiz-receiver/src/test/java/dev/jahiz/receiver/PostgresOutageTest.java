package dev.jahiz.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jahiz.receiver.testing.Reports;
import dev.jahiz.receiver.testing.RunningReceiver;
import dev.jahiz.receiver.testing.TcpProxy;
import dev.jahiz.receiver.testing.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL restarting under a running receiver (its connections cut, new ones refused, then
 * accepted again): writes answer 503 meanwhile, never 200 for a report not stored; readiness says so;
 * and the receiver recovers by itself when the database is back.
 */
class PostgresOutageTest {
  @TempDir Path dir;
  private TcpProxy proxy;
  private RunningReceiver receiver;

  @AfterEach
  void stop() {
    if (receiver != null) {
      receiver.close();
    }
    if (proxy != null) {
      proxy.close();
    }
  }

  @Test
  void writesAnswer503WhileTheDatabaseRestartsAndRecoverByThemselves() {
    String url = TestStore.POSTGRESQL.settings(dir).get("JAHIZ_DB_URL");
    Matcher hostPort = Pattern.compile("//([^:/]+):(\\d+)/").matcher(url);
    assertThat(hostPort.find()).isTrue();
    proxy = new TcpProxy(hostPort.group(1), Integer.parseInt(hostPort.group(2)));
    receiver = RunningReceiver.in(dir).set("JAHIZ_DB_URL", hostPort.replaceFirst("//127.0.0.1:" + proxy.port() + "/"))
        .start();
    Map<String, Integer> answers = new LinkedHashMap<>();
    post(answers);
    assertThat(answers.values()).containsExactly(200);

    proxy.down();
    for (int i = 0; i < 2; i++) {
      post(answers);
    }
    assertThat(answers.values()).containsExactly(200, 503, 503);
    assertThat(receiver.getAnonymous("/health/ready").status()).isEqualTo(503);
    assertThat(receiver.getAnonymous("/health").status()).isEqualTo(503);

    proxy.up();
    await().atMost(Duration.ofSeconds(30)).until(() -> receiver.getAnonymous("/health/ready").status() == 200);
    post(answers);
    assertThat(answers.values()).endsWith(200);
    for (Map.Entry<String, Integer> a : answers.entrySet()) {
      assertThat(receiver.get("/errors/" + a.getKey()).status()).as("report answered %s", a.getValue())
          .isEqualTo(a.getValue() == 200 ? 200 : 404);
    }
  }

  private void post(Map<String, Integer> answers) {
    String id = UUID.randomUUID().toString();
    answers.put(id, receiver.postSigned("/webhook/error",
        Reports.body("event_id", id, "error_message", "during a database restart")).status());
  }
}
