package dev.jahiz.spring.boot;

import static dev.jahiz.spring.boot.ClinicRun.basicAuth;
import static dev.jahiz.spring.boot.ClinicRun.headers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.shop.ShopApplication;
import dev.jahiz.client.Counters;
import dev.jahiz.spring.boot.logging.JahizInstaller;
import dev.jahiz.testing.BotApiHtml;
import dev.jahiz.testing.FakeBotApi;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;

/**
 * A WebFlux app on Netty with Spring Security: what the report of an error logged while a request
 * is handled carries, whether the controller logs on a Reactor scheduler thread or right away on the
 * thread that chose it; and which requests an exception handler answered with a 5xx are reported.
 */
class ReactiveReportsTest {
  private static final FakeBotApi API = new FakeBotApi();
  private static ClinicRun shop;
  private int before;

  @BeforeAll
  static void start() {
    shop = ClinicRun.start(ShopApplication.class, WebApplicationType.REACTIVE, ClinicRun.jahizProperties(API),
        Map.of());
  }

  @AfterAll
  static void stop() {
    shop.close();
    API.close();
  }

  @BeforeEach
  void count() {
    before = API.texts().size();
  }

  /** The first message since the test began that shows {@code text}. */
  private String messageShowing(String text) {
    return await().atMost(Duration.ofSeconds(15)).until(() -> {
      List<String> texts = API.texts();
      return texts.subList(before, texts.size()).stream().map(BotApiHtml::visible).filter(m -> m.contains(text))
          .findFirst();
    }, Optional::isPresent).orElseThrow();
  }

  /**
   * The messages since the test began, once the app has delivered all it queued (each test fails in
   * a way of its own, so no report waits in a grouping window).
   */
  private List<String> messagesSince() {
    await().atMost(Duration.ofSeconds(15)).until(() -> {
      Counters c = JahizInstaller.current().orElseThrow().counters();
      return c.queueDepth() == 0 && c.accepted() == c.sent() + c.grouped() + c.failed() + c.filtered();
    });
    List<String> texts = API.texts();
    return texts.subList(before, texts.size()).stream().map(BotApiHtml::visible).collect(Collectors.toList());
  }

  @Test
  void aFiveHundredAnAdviceAnsweredWithoutLoggingIsReportedOnceWithTheRequestAndTheException() throws Exception {
    HttpResponse<String> answer = shop.get("/carts/6/checkout?api_key=K-SECRET-6");

    assertThat(answer.statusCode()).isEqualTo(500);
    assertThat(answer.body()).contains("checkout is unavailable");
    assertThat(messagesSince()).singleElement().satisfies(m -> assertThat(m)
        .contains("CheckoutFailedException", "payment provider refused cart 6")
        .contains("Request failed with 500 (resolved by an exception handler, not logged): GET /carts/6/checkout")
        .contains("Component: CartController")
        .contains("Request: GET " + shop.base + "/carts/6/checkout?api_key=***")
        .contains("http.route: /carts/{cartId}/checkout")
        .doesNotContain("K-SECRET"));
  }

  @Test
  void aFiveHundredWhoseExceptionTheHandlerLoggedIsReportedOnceAsTheAppLoggedIt() throws Exception {
    HttpResponse<String> answer = shop.get("/orders/32/refund", basicAuth("bob", "b0b-password"));

    assertThat(answer.statusCode()).isEqualTo(500);
    assertThat(messagesSince()).singleElement().satisfies(m -> assertThat(m)
        .contains("Refund failed", "RefundFailedException", "ledger rejected the refund of order 32")
        .contains("http.route: /orders/{orderId}/refund", "bob")
        .doesNotContain("not logged"));
  }

  @Test
  void aLaterFailureTheControllersOwnHandlerAnsweredWithAFiveHundredIsReportedAndClientErrorsAreNot()
      throws Exception {
    assertThat(shop.get("/carts/7/coupon").statusCode()).isEqualTo(404);
    HttpResponse<String> badRequest = shop.get("/carts/seven");
    assertThat(badRequest.statusCode()).isEqualTo(400);
    assertThat(badRequest.body()).contains("\"status\":400", "\"instance\":\"/carts/seven\"");
    HttpResponse<String> answer = shop.get("/carts/7/stock");

    assertThat(answer.statusCode()).isEqualTo(503);
    assertThat(messagesSince()).singleElement().satisfies(m -> assertThat(m)
        .contains("StockUnknownException", "warehouse did not answer for cart 7")
        .contains("Request failed with 503 (resolved by an exception handler, not logged): GET /carts/7/stock")
        .contains("http.route: /carts/{cartId}/stock")
        .doesNotContain("coupon"));
  }

  @Test
  void anErrorLoggedOnASchedulerThreadCarriesTheRequestAndItsRouteAndNoEarlierRequestsUser() throws Exception {
    assertThat(shop.get("/orders/30/status", basicAuth("bob", "b0b-password")).statusCode()).isEqualTo(200);
    assertThat(shop.get("/carts/5?currency=EUR&api_key=K-SECRET-9", "User-Agent", "shop-app/2.0",
        "Authorization", "Bearer B-SECRET").statusCode()).isEqualTo(200);

    assertThat(messageShowing("Cart 5 lost its prices")).contains("price cache empty")
        .contains("Request: GET " + shop.base + "/carts/5?currency=EUR&api_key=***")
        .contains("http.route: /carts/{cartId}")
        .contains("ip 127.0.0.1", "http.header.user-agent: shop-app/2.0")
        .doesNotContainIgnoringCase("anonymous").doesNotContain("bob", "usr_7", "/orders")
        .doesNotContain("K-SECRET", "B-SECRET", "Bearer");
  }

  @Test
  void anErrorLoggedRightAwayCarriesTheRouteAndTheSignedInUserButNeverTheCredentials() throws Exception {
    assertThat(shop.get("/orders/31", headers(basicAuth("bob", "b0b-password"),
        new String[] {"User-Agent", "till/3.1"})).statusCode()).isEqualTo(200);

    assertThat(messageShowing("Order 31 has no invoice")).contains("invoice store offline")
        .contains("Request: GET " + shop.base + "/orders/31")
        .contains("http.route: /orders/{orderId}")
        .contains("User: id usr_7 · bob · bob@example.com · ip 127.0.0.1")
        .contains("http.header.user-agent: till/3.1")
        .doesNotContainIgnoringCase("authorization")
        .doesNotContain("b0b-password", "Basic ", "Ym9i");
  }
}
