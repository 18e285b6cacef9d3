package dev.jahiz.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jahiz.report.ErrorReport;
import java.net.URISyntaxException;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Code that logs through SLF4J 2 in a Log4j app (log4j-slf4j2-impl, Log4j 2.19 and later): its
 * key-value pairs reach the report's metadata. The binding hands them to Log4j as ThreadContext
 * entries for the one call, so they arrive as strings.
 */
class Slf4jKeyValuesTest {
  @RegisterExtension final FakeReceiver receiver = new FakeReceiver();
  // SLF4J loggers live in the application's own context, not a test-made one.
  private final LoggerContext applicationContext = (LoggerContext) LogManager.getContext(false);

  @BeforeEach
  void configureTheApplicationContext() throws URISyntaxException {
    applicationContext.setConfigLocation(getClass().getClassLoader().getResource("log4j2-receiver.xml").toURI());
  }

  @AfterEach
  void restoreIt() {
    applicationContext.setConfiguration(new DefaultConfiguration());
  }

  @Test
  void keyValuePairsBecomeMetadataAndLeaveTheThreadContextAsItWas() {
    org.slf4j.Logger log = LoggerFactory.getLogger("com.shop.checkout.PaymentService");

    log.atError().addKeyValue("order_id", "ord_67890").addKeyValue("amount", 299.99)
        .setCause(new IllegalStateException("card declined")).log("Checkout of {} failed", "ord_67890");
    log.error("no key-value pairs this time");

    await().until(() -> receiver.reports().size() == 2);
    // A receiver takes several reports at once, so they may arrive in either order.
    ErrorReport withPairs = reportSaying("Checkout of ord_67890 failed");
    assertThat(withPairs.errorType()).isEqualTo("java.lang.IllegalStateException");
    assertThat(withPairs.metadata()).containsOnly(Map.entry("order_id", "ord_67890"), Map.entry("amount", "299.99"));
    assertThat(reportSaying("no key-value pairs this time").metadata()).isEmpty();
  }

  private ErrorReport reportSaying(String message) {
    return receiver.reports().stream().filter(r -> r.errorMessage().equals(message)).findFirst().orElseThrow();
  }
}
