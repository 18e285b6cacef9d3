package dev.jahiz.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jahiz.report.ErrorReport;
import dev.jahiz.testing.BotApiHtml;
import dev.jahiz.testing.FakeBotApi;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Exceptions that break whoever reads them (a getMessage() that throws an Error, frames that are
 * null, a cause chain thousands deep) still arrive, with what can be read, and never leave a
 * report counted as queued: that used to cost a false "not delivered" warning and the whole close
 * timeout at exit.
 */
class UnreadableExceptionsTest {
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

  private JahizClient start() {
    client = TestClients.telegram(api, "4242", status).build();
    return client;
  }

  /** A user exception whose message cannot be computed: it throws an Error, not a RuntimeException. */
  static final class BrokenMessage extends RuntimeException {
    @Override
    public String getMessage() {
      throw new AssertionError("getMessage is broken");
    }
  }

  /** Frames as a broken proxy or a hand-made exception may give them: with nulls. */
  static final class NullFrames extends IllegalStateException {
    NullFrames() {
      super("frames with holes");
    }

    @Override
    public StackTraceElement[] getStackTrace() {
      return new StackTraceElement[] {null, new StackTraceElement("com.acme.Orders", "place", "Orders.java", 42), null};
    }
  }

  private static Throwable causeChainFiveThousandDeep() {
    Throwable chain = new IllegalStateException("root of it all");
    for (int i = 0; i < 5_000; i++) {
      chain = new RuntimeException("wrapped " + i, chain);
    }
    return chain;
  }

  private void assertDeliveredAndNothingLeftQueued(String... visible) {
    await().atMost(Duration.ofSeconds(10)).until(() -> api.messages().size() == 1);
    assertThat(BotApiHtml.visible(api.texts().get(0))).contains(visible);
    await().atMost(Duration.ofSeconds(5)).until(() -> client.counters().queueDepth() == 0);
    // What the user sees at exit: no false warning and no wait for the close timeout.
    assertThat(client.flush(Duration.ofSeconds(2))).isTrue();
    client.close(Duration.ofSeconds(10));
    assertThat(status).noneMatch(s -> s.contains("not delivered"));
  }

  @Test
  void anExceptionWhoseMessageThrowsAnErrorIsSentWithWhatCanBeRead() {
    start().report(ErrorReport.of("checkout failed"), new BrokenMessage());

    assertDeliveredAndNothingLeftQueued("checkout failed", "UnreadableExceptionsTest$BrokenMessage",
        "message unavailable");
  }

  @Test
  void anExceptionWithNullFramesIsSentWithTheFramesThatExist() {
    start().report(ErrorReport.of("order failed"), new NullFrames());

    assertDeliveredAndNothingLeftQueued("order failed", "frames with holes", "com.acme.Orders.place");
  }

  @Test
  void aCauseChainFiveThousandDeepIsSentWithItsOuterCauses() {
    Throwable chain = causeChainFiveThousandDeep();

    start().report(ErrorReport.of("deeply wrapped"), chain);

    assertDeliveredAndNothingLeftQueued("deeply wrapped", "wrapped 4999", "Caused by: java.lang.RuntimeException: wrapped 4990");
  }
}
