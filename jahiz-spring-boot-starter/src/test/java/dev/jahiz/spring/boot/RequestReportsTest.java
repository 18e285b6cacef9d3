package dev.jahiz.spring.boot;

import static dev.jahiz.spring.boot.ClinicRun.basicAuth;
import static dev.jahiz.spring.boot.ClinicRun.headers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jahiz.client.Counters;
import dev.jahiz.spring.boot.logging.JahizInstaller;
import dev.jahiz.testing.BotApiHtml;
import dev.jahiz.testing.FakeBotApi;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One clinic app (Spring MVC, Spring Security, Actuator, Micrometer Tracing with Brave) with only
 * the starter and its destination properties:
 * what a report of an error logged during a request carries, field by field, and which failed
 * requests are reported.
 */
class RequestReportsTest {
  private static final FakeBotApi API = new FakeBotApi();
  private static ClinicRun clinic;
  private int before;

  @BeforeAll
  static void start() {
    clinic = ClinicRun.start(ClinicRun.jahizProperties(API));
  }

  @AfterAll
  static void stop() {
    clinic.close();
    API.close();
  }

  @BeforeEach
  void count() {
    before = API.texts().size();
  }

  private String nextMessage() {
    await().atMost(Duration.ofSeconds(15)).until(() -> API.texts().size() > before);
    return BotApiHtml.visible(API.texts().get(before));
  }

  /**
   * The messages since the test began, once the app has delivered all it queued (each test logs a
   * failure of its own, so no report waits in a grouping window).
   */
  private List<String> messagesSince() {
    JahizInstaller.current().orElseThrow();
    await().atMost(Duration.ofSeconds(15)).alias(String.valueOf(JahizInstaller.current().orElseThrow().counters())).until(() -> {
      Counters c = JahizInstaller.current().orElseThrow().counters();
      return c.queueDepth() == 0 && c.accepted() == c.sent() + c.grouped() + c.failed() + c.filtered();
    });
    return API.texts().subList(before, API.texts().size()).stream().map(BotApiHtml::visible).collect(Collectors.toList());
  }

  @Test
  void anErrorLoggedWhileHandlingARequestCarriesTheRequestAndTheSignedInUser() throws Exception {
    HttpResponse<String> answer = clinic.get("/owners/7?page=2&access_token=tok-SECRET-123",
        headers(basicAuth("alice", "s3cret-password"), new String[] {"User-Agent", "vet-desk/1.0",
            "Cookie", "JSESSIONID=cookie-SECRET", "X-Request-Id", "req-77"}));

    assertThat(answer.statusCode()).isEqualTo(200);
    String message = nextMessage();
    assertThat(message).contains("Could not load the visits of owner 7", "IllegalStateException", "visit store offline")
        .contains("ERROR · clinic")
        .contains("Request: GET " + clinic.base + "/owners/7?page=2&access_token=***")
        .contains("http.route: /owners/{ownerId}")
        .contains("User: id usr_42 · alice · alice@example.com · ip 127.0.0.1")
        .contains("http.header.user-agent: vet-desk/1.0", "http.header.x-request-id: req-77")
        .containsPattern("#traceId_[0-9a-f]{16,32}").containsPattern("#spanId_[0-9a-f]{16}")
        .doesNotContainIgnoringCase("authorization").doesNotContainIgnoringCase("cookie")
        .doesNotContain("tok-SECRET", "s3cret-password", "Basic ", "YWxpY2U6");
  }

  @Test
  void aFiveHundredAnExceptionHandlerAnsweredWithoutLoggingIsReportedOnceWithItsStatus() throws Exception {
    HttpResponse<String> answer = clinic.get("/owners/8/pets", basicAuth("alice", "s3cret-password"));

    assertThat(answer.statusCode()).isEqualTo(500);
    assertThat(answer.body()).contains("pets are unavailable");
    List<String> messages = messagesSince();
    assertThat(messages).singleElement().satisfies(m -> assertThat(m)
        .contains("PetsUnavailableException", "pet registry timed out for owner 8")
        .contains("Request failed with 500 (resolved by an exception handler, not logged): GET /owners/8/pets")
        .contains("Component: OwnerController")
        .contains("Request: GET " + clinic.base + "/owners/8/pets", "500")
        .contains("http.route: /owners/{ownerId}/pets", "alice"));
  }

  @Test
  void aFiveHundredWhoseExceptionTheAppLoggedIsReportedOnceAsTheAppLoggedIt() throws Exception {
    HttpResponse<String> answer = clinic.get("/owners/9/invoices", basicAuth("alice", "s3cret-password"));

    assertThat(answer.statusCode()).isEqualTo(500);
    List<String> messages = messagesSince();
    assertThat(messages).singleElement().satisfies(m -> assertThat(m)
        .contains("Invoices failed", "InvoicesUnavailableException", "billing is down for owner 9")
        .doesNotContain("not logged"));
  }

  @Test
  void aFiveHundredWhoseExceptionTheControllerLoggedBeforeThrowingItIsReportedOnceAsLogged() throws Exception {
    HttpResponse<String> answer = clinic.get("/owners/10/bills", basicAuth("alice", "s3cret-password"));

    assertThat(answer.statusCode()).isEqualTo(500);
    List<String> messages = messagesSince();
    assertThat(messages).singleElement().satisfies(m -> assertThat(m)
        .contains("Bills of owner 10 failed", "BillsUnavailableException", "http.route: /owners/{ownerId}/bills")
        .doesNotContain("not logged"));
  }

  @Test
  void requestsThatSucceedSendNothing() throws Exception {
    for (int i = 0; i < 20; i++) {
      assertThat(clinic.get("/hello").statusCode()).isEqualTo(200);
    }
    assertThat(clinic.get("/owners/1/pets").statusCode()).isEqualTo(401);

    assertThat(messagesSince()).isEmpty();
  }

  /**
   * What makes a request that does not fail cost nothing (docs/BENCHMARKS.md measures it): the
   * starter adds no servlet filter, no interceptor and no listener of per-request events; it reads
   * the request only when an error is reported, and its exception resolver is asked only when a
   * handler throws.
   */
  @Test
  void theStarterAddsNothingThatRunsOnEveryRequest() {
    List<Object> perRequest = new java.util.ArrayList<>();
    perRequest.addAll(clinic.context.getBeansOfType(jakarta.servlet.Filter.class).values());
    perRequest.addAll(clinic.context.getBeansOfType(
        org.springframework.boot.web.servlet.ServletContextInitializer.class).values());
    perRequest.addAll(clinic.context.getBeansOfType(
        org.springframework.web.servlet.config.annotation.WebMvcConfigurer.class).values());
    perRequest.addAll(clinic.context.getBeansOfType(org.springframework.web.servlet.HandlerInterceptor.class).values());
    perRequest.addAll(clinic.context.getBeansOfType(org.springframework.context.ApplicationListener.class).values());

    assertThat(perRequest).isNotEmpty()
        .noneSatisfy(bean -> assertThat(bean.getClass().getName()).startsWith("dev.jahiz."));
    assertThat(clinic.context.getBeansOfType(org.springframework.web.servlet.HandlerExceptionResolver.class).values())
        .anySatisfy(bean -> assertThat(bean.getClass().getName()).startsWith("dev.jahiz."));
  }

  @Test
  void actuatorShowsJahizHealthAndTheClientsCountersAsMetrics() throws Exception {
    clinic.get("/visits/10");
    messagesSince();

    String health = clinic.get("/actuator/health/jahiz").body();
    assertThat(health).contains("\"status\":\"UP\"", "\"logging\":\"Logback\"", "\"destination\":\"reachable\"",
        "\"queueDepth\":0", "\"dropped\":0");
    String sent = clinic.get("/actuator/metrics/jahiz.reports?tag=outcome:sent").body();
    assertThat(sent).contains("\"name\":\"jahiz.reports\"");
    assertThat(measured(sent)).isEqualTo(API.texts().size());
    assertThat(measured(clinic.get("/actuator/metrics/jahiz.reports?tag=outcome:dropped").body())).isZero();
    assertThat(clinic.get("/actuator/metrics/jahiz.queue.depth").statusCode()).isEqualTo(200);
  }

  private static double measured(String metricJson) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"value\":([0-9.E]+)").matcher(metricJson);
    assertThat(m.find()).as(metricJson).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
