package dev.jahiz.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jahiz.report.ErrorReport;
import java.util.Map;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The same appender configured in each of Log4j's formats, found through the plugin cache. */
class ConfigurationFormatsTest {
  @RegisterExtension @Order(1) final FakeReceiver receiver = new FakeReceiver();
  @RegisterExtension @Order(2) final Log4jContexts log4j = new Log4jContexts();

  @ParameterizedTest
  @ValueSource(strings = {"log4j2-receiver.xml", "log4j2-receiver.json", "log4j2-receiver.yaml", "log4j2-receiver.properties"})
  void everyFormatConfiguresTheSameReport(String file) {
    LoggerContext context = log4j.start(file);
    assertThat(Log4jContexts.jahiz(context, "jahiz")).as("appender from " + file).isNotNull();
    Logger log = context.getLogger("com.shop.checkout.PaymentService");

    ThreadContext.put("tenant", "acme");
    log.warn("below the default minimum level");
    log.error("payment declined for order 1042");

    await().until(() -> receiver.reports().size() == 1);
    ErrorReport report = receiver.reports().get(0);
    assertThat(report.errorMessage()).isEqualTo("payment declined for order 1042");
    assertThat(report.appName()).isEqualTo("shop");
    assertThat(report.appVersion()).isEqualTo("1.4.2");
    assertThat(report.environment()).isEqualTo("prod");
    assertThat(report.serviceName()).isEqualTo("checkout");
    assertThat(report.tags()).containsAllEntriesOf(Map.of("team", "payments", "region", "eu", "tenant", "acme"));
    context.stop();
    assertThat(receiver.reports()).as("the WARN stays below the default ERROR minimum").hasSize(1);
  }
}
