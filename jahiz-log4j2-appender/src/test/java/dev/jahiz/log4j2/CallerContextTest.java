package dev.jahiz.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jahiz.logging.CallerContext;
import dev.jahiz.logging.CallerContexts;
import dev.jahiz.report.ErrorReport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A registered {@link CallerContext} (what the Spring Boot starter reads the current request with)
 * as the Log4j2 appender uses it: asked on the logging thread for each event it reports and for no
 * other; not on an async logger's or AsyncAppender's thread, where the event's ThreadContext is all
 * there is.
 */
class CallerContextTest {
  @RegisterExtension @Order(1) final FakeReceiver receiver = new FakeReceiver();
  @RegisterExtension @Order(2) final Log4jContexts log4j = new Log4jContexts();
  private final List<Throwable> asked = Collections.synchronizedList(new ArrayList<>());
  private CallerContexts.Registration registration;

  @AfterEach
  void unregister() {
    if (registration != null) {
      registration.close();
    }
  }

  private CallerContext request(String method, String url) {
    return (thrown, entries) -> {
      asked.add(thrown);
      entries.accept("request_method", method);
      entries.accept("request_url", url);
      entries.accept("username", "alice");
      entries.accept("http.route", "/orders/{id}");
    };
  }

  private ErrorReport onlyReport(LoggerContext context) {
    await().until(() -> !receiver.reports().isEmpty());
    context.stop();
    assertThat(receiver.reports()).hasSize(1);
    return receiver.reports().get(0);
  }

  @Test
  void aReportedEventCarriesTheContextsEntriesAndTheThreadContextKeepsItsOwn() {
    registration = CallerContexts.register(request("GET", "https://shop.example/orders/7"));
    LoggerContext context = log4j.start("log4j2-receiver.xml");
    Logger log = context.getLogger("com.shop.web.OrderController");
    ThreadContext.put("username", "set-by-the-app");
    IllegalStateException failure = new IllegalStateException("stock service down");

    log.info("below the minimum level: the context is not asked");
    log.error("Order 7 failed", failure);

    ErrorReport report = onlyReport(context);
    assertThat(report.errorMessage()).isEqualTo("Order 7 failed");
    assertThat(report.context().requestMethod()).isEqualTo("GET");
    assertThat(report.context().requestUrl()).isEqualTo("https://shop.example/orders/7");
    assertThat(report.user().username()).isEqualTo("set-by-the-app");
    assertThat(report.metadata()).containsEntry("http.route", "/orders/{id}");
    assertThat(asked).containsExactly(failure);
  }

  @Test
  void asyncLoggersAndAsyncAppendersDoNotAskOnTheirOwnThreadAndKeepTheThreadContext() {
    registration = CallerContexts.register(request("GET", "https://shop.example/orders/8"));
    LoggerContext context = log4j.start("log4j2-async.xml");
    ThreadContext.put("request_url", "https://shop.example/from-the-thread-context");

    context.getLogger("com.shop.async.Orders").error("Order 8 failed on an async logger");
    context.getLogger("com.shop.queued.Orders").error("Order 8 failed through an AsyncAppender");

    await().until(() -> receiver.reports().size() == 2);
    context.stop();
    assertThat(receiver.reports()).allSatisfy(report -> {
      assertThat(report.context().requestUrl()).isEqualTo("https://shop.example/from-the-thread-context");
      assertThat(report.context().requestMethod()).isNull();
    });
    assertThat(asked).isEmpty();
  }

  @Test
  void aContextThatFailsLeavesTheReportAndTheAppAloneAndTheReportSaysSo() {
    registration = CallerContexts.register((thrown, entries) -> {
      entries.accept("request_method", "POST");
      throw new IllegalStateException("the request was recycled");
    });
    LoggerContext context = log4j.start("log4j2-receiver.xml");

    context.getLogger("com.shop.web.OrderController").error("Order 9 failed");

    ErrorReport report = onlyReport(context);
    assertThat(report.errorMessage()).isEqualTo("Order 9 failed");
    assertThat(report.context().requestMethod()).isEqualTo("POST");
    assertThat((String) report.metadata().get(CallerContexts.ERROR_KEY))
        .contains("failed: java.lang.IllegalStateException");
  }
}
