package dev.jahiz.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jahiz.report.ErrorReport;
import dev.jahiz.testing.BotApiHtml;
import dev.jahiz.testing.FakeBotApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What one run could not deliver, the next sends first: once, marked late, grouped. */
class SpoolReplayTest {
  @TempDir Path spool;
  private final FakeBotApi api = new FakeBotApi();
  private final List<String> status = new CopyOnWriteArrayList<>();

  @AfterEach
  void tearDown() {
    api.close();
  }

  private JahizClient client() {
    return TestClients.telegram(api, "4242", status).spool(spool).build();
  }

  private long spooledFiles() throws Exception {
    try (Stream<Path> files = Files.list(spool)) {
      return files.filter(p -> p.toString().endsWith(".report")).count();
    }
  }

  @Test
  void reportsA429HeldPastTheCloseTimeoutArriveOnceAtTheNextStart() throws Exception {
    api.rateLimitEverything(1);
    JahizClient first = client();
    first.report(ErrorReport.of("payment failed"), new IllegalStateException("card declined"));
    first.report(ErrorReport.of("export failed"), new java.io.UncheckedIOException(new java.io.IOException("disk")));
    first.close(Duration.ofMillis(1500));
    assertThat(api.messages()).isEmpty();
    assertThat(first.counters().spooled()).isEqualTo(2);
    assertThat(status).anyMatch(s -> s.contains("not delivered") && s.contains("2 kept in the spool"));

    api.serveNormally();
    JahizClient next = client();
    await().atMost(Duration.ofSeconds(10)).until(() -> next.counters().sent() == 2);
    next.close(Duration.ofSeconds(5));

    List<String> visible = api.texts().stream().map(BotApiHtml::visible).collect(java.util.stream.Collectors.toList());
    assertThat(visible).hasSize(2).allMatch(v -> v.contains("Delayed: from a previous run, first seen"));
    assertThat(visible).anyMatch(v -> v.contains("payment failed")).anyMatch(v -> v.contains("export failed"));
    assertThat(next.counters().replayed()).isEqualTo(2);
    assertThat(spooledFiles()).isZero();
  }

  @Test
  void leftoversOfOneFailureArriveAsOneMessageThatCountsThemAll() throws Exception {
    api.hang();
    JahizClient first = client();
    for (int i = 0; i < 3; i++) {
      first.report(ErrorReport.of("cache miss " + i), new IllegalStateException("redis timeout"));
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> first.counters().spooled() >= 1);
    first.close(Duration.ofMillis(500));
    assertThat(spooledFiles()).isEqualTo(2);   // the first report, and the follow-up for its two repeats

    api.serveNormally();
    JahizClient next = client();
    await().atMost(Duration.ofSeconds(10)).until(() -> next.counters().sent() == 1);
    next.close(Duration.ofSeconds(5));

    List<String> texts = api.texts();
    assertThat(texts).hasSize(1);
    assertThat(BotApiHtml.visible(texts.get(0))).contains("×3", "Delayed: from a previous run");
  }

  @Test
  void aDeliveredReportLeavesNothingOnDisk() throws Exception {
    JahizClient client = client();
    client.report(ErrorReport.of("sent at once"));
    client.close(Duration.ofSeconds(5));

    assertThat(api.messages()).hasSize(1);
    assertThat(client.counters().spooled()).isEqualTo(1);
    assertThat(spooledFiles()).isZero();
  }
}
