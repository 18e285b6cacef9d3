package com.example.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jahiz.testing.SampleJar;
import java.util.List;
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
}
