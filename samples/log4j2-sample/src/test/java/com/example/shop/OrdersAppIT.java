package com.example.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jahiz.testing.SampleJar;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shaded jar, run the way the README says, against a fake Bot API: proves the plugin cache
 * survived shading, the environment variables are read, and a storm is grouped.
 */
class OrdersAppIT {
  @RegisterExtension final SampleJar sample = new SampleJar();

  @Test
  void realisticFailuresArriveAsValidMessages() throws Exception {
    sample.run();

    List<String> visible = sample.visibleMessages();
    assertThat(visible).hasSize(3);
    assertThat(visible.get(0)).contains("Checkout of order ord_67890 failed", "java.lang.IllegalStateException",
        "usr_12345", "POST https://shop.example.com/checkout", "500", "Caused by: java.io.UncheckedIOException",
        "Caused by: java.net.SocketTimeoutException", "orders", "#team_checkout");
    assertThat(visible.get(1)).contains("Refund rejected by the card issuer", "ord_55120", "49.90", "EUR");
    assertThat(visible.get(2)).contains("CRITICAL", "Ledger out of balance");
    assertThat(String.join("\n", visible)).doesNotContain("Inventory sync is slow");
    System.out.println("log4j2-sample: " + visible.size() + " messages for the realistic failures");
  }

  @Test
  void aStormOfTenThousandErrorsOverThreeFailuresIsAFewMessagesEach() throws Exception {
    sample.run("--errors", "10000", "--distinct", "3");

    sample.assertStormGrouped("log4j2-sample", "java.sql.SQLException", "java.net.SocketTimeoutException",
        "java.lang.IllegalStateException");
  }

  @Test
  void withNoJahizEnvironmentAtAllTheAppRunsItsCourseAndSaysJahizIsOff() throws Exception {
    sample.runWithoutJahizEnvironment();
  }
}
