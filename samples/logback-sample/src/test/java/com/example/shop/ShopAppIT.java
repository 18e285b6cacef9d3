package com.example.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jahiz.testing.SampleJar;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shaded jar, run the way the README says, against a fake Bot API: the environment variables
 * are read, MDC and key-value pairs arrive, Logback's shutdown hook flushes, a storm is grouped.
 */
class ShopAppIT {
  @RegisterExtension final SampleJar sample = new SampleJar();

  @Test
  void realisticFailuresArriveAsValidMessages() throws Exception {
    sample.run();

    List<String> visible = sample.visibleMessages();
    assertThat(visible).hasSize(2);
    assertThat(visible.get(0)).contains("Checkout of order ord_67890 failed",
        "java.io.UncheckedIOException: payment gateway unreachable for ord_67890", "ShopApp$Checkout.pay",
        "usr_12345", "POST https://shop.example.com/checkout", "500",
        "Caused by: java.io.IOException: connection reset by peer", "cart_total", "299.99", "shop", "#team_backend");
    assertThat(visible.get(1)).contains("Nightly export skipped: no exception, just a message");
    assertThat(String.join("\n", visible)).doesNotContain("Inventory sync is slow");
  }

  @Test
  void aStormOfTenThousandErrorsOverThreeFailuresIsAFewMessagesEach() throws Exception {
    sample.run("--errors", "10000", "--distinct", "3");

    sample.assertStormGrouped("logback-sample", "java.sql.SQLException", "java.util.concurrent.TimeoutException",
        "java.lang.IllegalStateException");
  }

  @Test
  void withNoJahizEnvironmentAtAllTheAppRunsItsCourseAndSaysJahizIsOff() throws Exception {
    sample.runWithoutJahizEnvironment();
  }

  /** A run that gives up at exit soon: the spool keeps what it could not deliver. */
  private static final Map<String, String> QUICK_EXIT = Map.of("JAHIZ_CLOSE_TIMEOUT", "2s");
  /** Room at exit for four or six messages at Telegram's pace of one a second, on a busy machine. */
  private static final Map<String, String> PATIENT_EXIT = Map.of("JAHIZ_CLOSE_TIMEOUT", "30s");

  /** The two reports of a realistic run arrived, each once, marked late or not as {@code delayed} says. */
  private void assertRealisticFailuresArrivedOnce(List<String> messages, boolean delayed) {
    List<String> matching = messages.stream().filter(m -> m.contains("Delayed: from a previous run") == delayed)
        .collect(Collectors.toList());
    assertThat(matching).hasSize(2);
    assertThat(matching).filteredOn(m -> m.contains("Checkout of order ord_67890 failed")).hasSize(1);
    assertThat(matching).filteredOn(m -> m.contains("Nightly export skipped")).hasSize(1);
  }

  /** The second run sends what the first left, marked late, and its own reports: each once. */
  private void runAgainWithTelegramUpAndSeeBothRunsArriveOnce() throws Exception {
    sample.api().serveNormally();
    sample.run(PATIENT_EXIT);

    List<String> visible = sample.visibleMessages();
    assertThat(visible).hasSize(4);
    assertRealisticFailuresArrivedOnce(visible, true);
    assertRealisticFailuresArrivedOnce(visible, false);
  }

  @Test
  void reportsATelegram429HeldAtExitArriveOnceWithTheNextRun() throws Exception {
    sample.api().rateLimitEverything(1);
    sample.run(QUICK_EXIT);
    assertThat(sample.api().messages()).isEmpty();
    assertThat(sample.spooledReports()).isEqualTo(2);

    runAgainWithTelegramUpAndSeeBothRunsArriveOnce();
    assertThat(sample.spooledReports()).isZero();
  }

  @Test
  void reportsOfARunKilledWhileTelegramWasDownArriveOnceWithTheNextRun() throws Exception {
    sample.api().hang();
    Process first = sample.start();
    await().atMost(Duration.ofSeconds(60)).until(() -> sample.spooledReports() == 2);
    first.destroyForcibly().waitFor();   // SIGKILL: no shutdown hook, no close

    runAgainWithTelegramUpAndSeeBothRunsArriveOnce();
  }

  @Test
  void twoAppsSharingASpoolFolderSendWhatWasLeftThereOnce() throws Exception {
    sample.api().rateLimitEverything(1);
    sample.run(QUICK_EXIT);
    assertThat(sample.spooledReports()).isEqualTo(2);

    sample.api().serveNormally();
    Process one = sample.start(PATIENT_EXIT);
    Process other = sample.start(PATIENT_EXIT);
    sample.awaitExit(one);
    sample.awaitExit(other);

    List<String> visible = sample.visibleMessages();
    assertThat(visible).hasSize(6);
    assertRealisticFailuresArrivedOnce(visible, true);
    assertThat(sample.spooledReports()).isZero();
  }
}
