package dev.jahiz.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.shop.ShopApplication;
import dev.jahiz.testing.BotApiHtml;
import dev.jahiz.testing.FakeBotApi;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;

/**
 * A WebFlux app on Netty with Spring Security, whose controller runs (and logs) on a Reactor
 * scheduler thread: the error still carries the request.
 */
class ReactiveReportsTest {
  @Test
  void anErrorLoggedByAWebFluxControllerCarriesTheRequest() throws Exception {
    try (FakeBotApi api = new FakeBotApi();
        ClinicRun shop = ClinicRun.start(ShopApplication.class, WebApplicationType.REACTIVE,
            ClinicRun.jahizProperties(api), Map.of())) {
      assertThat(shop.get("/carts/5?currency=EUR&api_key=K-SECRET-9", "User-Agent", "shop-app/2.0",
          "Authorization", "Bearer B-SECRET").statusCode()).isEqualTo(200);

      await().atMost(Duration.ofSeconds(15)).until(() -> api.texts().size() == 1);
      assertThat(BotApiHtml.visible(api.texts().get(0))).contains("Cart 5 lost its prices", "price cache empty")
          .contains("Request: GET " + shop.base + "/carts/5?currency=EUR&api_key=***")
          .contains("ip 127.0.0.1", "http.header.user-agent: shop-app/2.0")
          .doesNotContain("K-SECRET", "B-SECRET", "Bearer");
    }
  }
}
