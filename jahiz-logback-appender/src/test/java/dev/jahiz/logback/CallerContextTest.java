package dev.jahiz.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.jahiz.logging.CallerContext;
import dev.jahiz.logging.CallerContexts;
import dev.jahiz.report.ErrorReport;
import dev.jahiz.report.ReportJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * A registered {@link CallerContext} (what the Spring Boot starter reads the current request with)
 * as the Logback appender uses it: asked on the logging thread for each event it reports and for no
 * other, its entries mapped as MDC entries would be, the event's own MDC first.
 */
class CallerContextTest {
  private final MockWebServer receiver = new MockWebServer();
  private final List<Throwable> asked = Collections.synchronizedList(new ArrayList<>());
  private final List<String> askedOn = Collections.synchronizedList(new ArrayList<>());
  private LoggerContext context;
  private CallerContexts.Registration registration;

  @BeforeEach
  void start() throws Exception {
    receiver.start();
    for (int i = 0; i < 5; i++) {
      receiver.enqueue(new MockResponse.Builder().code(202).build());
    }
  }

  @AfterEach
  void stop() {
    if (registration != null) {
      registration.close();
    }
    if (context != null) {
      context.stop();
    }
    MDC.clear();
    receiver.close();
  }

  private Logger logger(String config, CallerContext callerContext) {
    registration = CallerContexts.register(callerContext);
    context = LogbackContexts.configure(config, Map.of(
        "JAHIZ_RECEIVER_URL", receiver.url("/").toString(), "WEBHOOK_SECRET", "s3cret"));
    return context.getLogger("com.acme.web.OrderController");
  }

  private CallerContext request(String method, String url) {
    return (thrown, entries) -> {
      asked.add(thrown);
      askedOn.add(Thread.currentThread().getName());
      entries.accept("request_method", method);
      entries.accept("request_url", url);
      entries.accept("username", "alice");
      entries.accept("http.route", "/orders/{id}");
    };
  }

  private ErrorReport nextReport() throws Exception {
    RecordedRequest request = receiver.takeRequest(10, TimeUnit.SECONDS);
    assertThat(request).as("a report arrived").isNotNull();
    return ReportJson.parse(request.getBody().toByteArray());
  }

  @Test
  void aReportedEventCarriesTheContextsEntriesAndTheMdcKeepsItsOwn() throws Exception {
    Logger log = logger("jahiz-receiver.xml", request("GET", "https://shop.example/orders/7"));
    MDC.put("username", "set-by-the-app");
    IllegalStateException failure = new IllegalStateException("stock service down");

    log.info("below the minimum level: the context is not asked");
    log.error("Order 7 failed", failure);
    context.stop();

    ErrorReport report = nextReport();
    assertThat(report.errorMessage()).isEqualTo("Order 7 failed");
    assertThat(report.context().requestMethod()).isEqualTo("GET");
    assertThat(report.context().requestUrl()).isEqualTo("https://shop.example/orders/7");
    assertThat(report.user().username()).isEqualTo("set-by-the-app");
    assertThat(report.metadata()).containsEntry("http.route", "/orders/{id}");
    assertThat(asked).containsExactly(failure);
    assertThat(askedOn).containsExactly(Thread.currentThread().getName());
  }

  @Test
  void anAppenderBehindAnAsyncAppenderDoesNotAskOnItsWorkerThreadAndKeepsTheMdc() throws Exception {
    Logger log = logger("jahiz-async.xml", request("GET", "https://shop.example/orders/8"));
    MDC.put("request_url", "https://shop.example/from-the-mdc");

    log.error("Order 8 failed");
    context.stop();

    ErrorReport report = nextReport();
    assertThat(report.errorMessage()).isEqualTo("Order 8 failed");
    assertThat(report.context().requestUrl()).isEqualTo("https://shop.example/from-the-mdc");
    assertThat(report.context().requestMethod()).isNull();
    assertThat(asked).isEmpty();
  }

  @Test
  void aContextThatFailsLeavesTheReportAndTheAppAloneAndTheReportSaysSo() throws Exception {
    Logger log = logger("jahiz-receiver.xml", (thrown, entries) -> {
      entries.accept("request_method", "POST");
      throw new IllegalStateException("the request was recycled");
    });

    log.error("Order 9 failed");
    context.stop();

    ErrorReport report = nextReport();
    assertThat(report.errorMessage()).isEqualTo("Order 9 failed");
    assertThat(report.context().requestMethod()).isEqualTo("POST");
    assertThat((String) report.metadata().get(CallerContexts.ERROR_KEY))
        .contains("failed: java.lang.IllegalStateException");
  }

  @Test
  void aClosedRegistrationIsAskedNoMore() throws Exception {
    Logger log = logger("jahiz-receiver.xml", request("DELETE", "https://shop.example/orders/10"));
    registration.close();

    log.error("Order 10 failed");
    context.stop();

    ErrorReport report = nextReport();
    assertThat(report.errorMessage()).isEqualTo("Order 10 failed");
    assertThat(report.context()).isNull();
    assertThat(asked).isEmpty();
  }
}
