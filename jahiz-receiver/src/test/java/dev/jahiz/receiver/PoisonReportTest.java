package dev.jahiz.receiver;

import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import dev.jahiz.receiver.testing.TestStore;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jahiz.receiver.testing.Reply;
import dev.jahiz.receiver.testing.Reports;
import dev.jahiz.receiver.testing.RunningReceiver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A report no database column can hold is that request's problem alone, never its neighbours'. */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestStore.class)
class PoisonReportTest {
  @Parameter TestStore store;
  private static final String FAR_FUTURE = "+999999999-01-01T00:00:00Z";

  @TempDir Path dir;
  private RunningReceiver receiver;

  @BeforeEach
  void start() {
    receiver = RunningReceiver.in(dir, store).start();
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"timestamp", "first_seen"})
  void anOutOfRangeTimeIs422NamingTheField(String field) {
    Reply reply = receiver.postSigned("/webhook/error", Reports.body("error_message", "poison", field, FAR_FUTURE));

    assertThat(reply.status()).as("%s", reply).isEqualTo(422);
    assertThat(reply.json().path("details").get(0).path("field").asText()).isEqualTo(field);
    assertThat(reply.json().path("details").get(0).path("message").asText()).contains("9999");
    assertThat(receiver.storedCount()).isZero();
  }

  @Test
  void poisonAmongConcurrentValidReportsFailsOnlyItself() throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(16);
    try {
      List<Future<Reply>> valid = new ArrayList<>();
      List<Future<Reply>> poison = new ArrayList<>();
      for (int i = 0; i < 250; i++) {
        int n = i;
        valid.add(clients.submit(() -> receiver.postSigned("/webhook/error",
            Reports.body("error_message", "valid " + n))));
        if (i % 25 == 0) {
          poison.add(clients.submit(() -> receiver.postSigned("/webhook/error",
              Reports.body("error_message", "poison " + n, "timestamp", FAR_FUTURE))));
        }
      }
      for (Future<Reply> r : valid) {
        assertThat(r.get().status()).as("%s", r.get()).isEqualTo(200);
      }
      for (Future<Reply> r : poison) {
        assertThat(r.get().status()).as("%s", r.get()).isEqualTo(422);
      }
    } finally {
      clients.shutdownNow();
    }
    assertThat(receiver.storedCount()).isEqualTo(250);
  }

  @Test
  void anOutOfRangeSinceIs400() {
    Reply reply = receiver.get("/errors?since=" + FAR_FUTURE.replace("+", "%2B"));

    assertThat(reply.status()).as("%s", reply).isEqualTo(400);
    assertThat(reply.json().path("details").get(0).path("field").asText()).isEqualTo("since");
  }
}
