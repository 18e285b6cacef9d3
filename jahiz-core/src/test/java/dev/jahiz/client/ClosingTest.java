package dev.jahiz.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jahiz.report.ErrorReport;
import dev.jahiz.testing.FakeBotApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What close() promises: a bounded wait, the truth about what was left, and nothing left counted. */
class ClosingTest {
  private final FakeBotApi api = new FakeBotApi();
  private final List<String> status = new CopyOnWriteArrayList<>();
  private JahizClient client;

  @AfterEach
  void tearDown() {
    if (client != null) {
      client.close(Duration.ofMillis(200));
    }
    api.close();
  }

  private JahizClient.Builder client(String chat) {
    return TestClients.telegram(api, chat, status);
  }

  @Test
  void reportsRacingCloseAreNeverLeftCountedAsQueued() throws Exception {
    api.hang();
    client = client("4242").build();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong calls = new AtomicLong();
    List<Thread> loggers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int id = t;
      Thread logger = new Thread(() -> {
        int i = 0;
        while (running.get()) {
          client.report(ErrorReport.of("failure " + id + "-" + i++), new IllegalStateException("kind " + (i % 50)));
          calls.incrementAndGet();
        }
      });
      loggers.add(logger);
      logger.start();
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> client.counters().accepted() > 100);

    client.close(Duration.ofMillis(100));
    await().atMost(Duration.ofSeconds(5)).until(() -> client.counters().dropped() > 0);
    running.set(false);
    for (Thread logger : loggers) {
      logger.join();
    }

    Counters counters = client.counters();
    assertThat(counters.accepted() + counters.dropped()).isEqualTo(calls.get());
    await().atMost(Duration.ofSeconds(5)).until(() -> client.counters().queueDepth() == 0);
  }

  @Test
  void aRetryAfterEndingBeforeTheCloseDeadlineIsWaitedFor() {
    api.thenAnswer(FakeBotApi.tooManyRequests(2));
    client = client("-1001234567890").build();

    client.report(ErrorReport.of("limited at exit"));
    client.close(Duration.ofSeconds(3));

    assertThat(api.messages()).hasSize(1);
    assertThat(status).noneMatch(s -> s.contains("not delivered"));
  }

  @Test
  void afterA429TheNextAttemptGoesAtRetryAfterNotAtTheNextPacingSlot() {
    // A limit of one message a minute: the refused attempt must not use up the minute.
    api.thenAnswer(FakeBotApi.tooManyRequests(1));
    client = client("-1001234567890").pacing(dev.jahiz.delivery.Pacing.perMinute(1)).build();

    client.report(ErrorReport.of("limited three times"));
    client.close(Duration.ofSeconds(4));

    assertThat(api.messages()).hasSize(1);
  }
}
