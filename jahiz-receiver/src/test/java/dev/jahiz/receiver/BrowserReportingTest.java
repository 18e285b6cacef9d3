package dev.jahiz.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jahiz.receiver.testing.Chromium;
import dev.jahiz.receiver.testing.PageServer;
import dev.jahiz.receiver.testing.RunningReceiver;
import dev.jahiz.testing.BotApiHtml;
import dev.jahiz.testing.FakeBotApi;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Browser apps through a real headless Chromium: a page of one origin runs the seed's browser SDK
 * (its fetch, headers and payload, from a thrown error and an unhandled rejection) against the
 * receiver on another origin with a browser key; a page of an origin the key does not list is
 * refused by the browser itself; a closing page's sendBeacon arrives. One browser for all cases.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserReportingTest {
  private static final String KEY = "pk_shop_4f1c9a0b7e2d";

  private PageServer shop;
  private PageServer elsewhere;
  private FakeBotApi bot;
  private RunningReceiver receiver;
  private ChromeDriver browser;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    shop = new PageServer();
    elsewhere = new PageServer();
    bot = new FakeBotApi();
    receiver = RunningReceiver.in(dir).botApi(bot.url()).set("JAHIZ_PUBLIC_KEYS", KEY + "@" + shop.origin()).start();
    browser = Chromium.start(Files.createDirectories(dir.resolve("profile")));
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    for (AutoCloseable c : new AutoCloseable[] {receiver, bot, shop, elsewhere}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception ignored) {
        // Best effort: the next resource still gets closed.
      }
    }
  }

  private String page(PageServer site, String file) {
    return site.url("/" + file + "?receiver=" + URLEncoder.encode(receiver.url(""), StandardCharsets.UTF_8)
        + "&key=" + KEY);
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> sdkResults() {
    return (List<Map<String, Object>>) browser.executeScript("return window.jahizResults;");
  }

  private List<String> visibleMessages() {
    return bot.texts().stream().map(BotApiHtml::visible).collect(Collectors.toList());
  }

  @Test
  void thrownErrorAndUnhandledRejectionOfAnAllowedPageAreStoredAndDelivered() {
    browser.get(page(shop, "app.html"));

    browser.executeScript("crashOnClick();");
    await().atMost(Duration.ofSeconds(20)).until(() -> sdkResults().size() == 1);
    browser.executeScript("rejectUnhandled();");
    await().atMost(Duration.ofSeconds(20)).until(() -> sdkResults().size() == 2);

    for (Map<String, Object> result : sdkResults()) {
      assertThat(result.get("status")).as("%s", result).isEqualTo(200L);
      assertThat(result.get("body").toString()).contains("\"success\":true", "\"error_id\"");
    }
    assertThat(sdkResults()).extracting(r -> r.get("source")).containsExactly("window.onerror", "unhandledrejection");
    await().atMost(Duration.ofSeconds(20)).until(() -> visibleMessages().stream()
        .filter(m -> m.contains("Cannot read properties of undefined (reading 'id')")
            || m.contains("cart service answered 503")).count() == 2);
    String crash = visibleMessages().stream().filter(m -> m.contains("reading 'id'")).findFirst().orElseThrow();
    assertThat(crash).contains("TypeError", "shop-web", "Browser: Headless Chrome ",
        "Where: /static/js/app.3f9a1c.js:3:", " in submitOrder", "source: window.onerror");

    JsonNode stored = receiver.errors("app=shop-web&q=cart%20service").path("data").get(0);
    JsonNode report = receiver.get("/errors/" + stored.path("id").asText()).json().path("report");
    assertThat(report.path("error_type").asText()).isEqualTo("Error");
    assertThat(report.path("metadata").path("source").asText()).isEqualTo("unhandledrejection");
    assertThat(report.path("device").path("os_version").asText()).startsWith("Mozilla/5.0").contains("Chrome/");
    assertThat(report.path("stacktrace").asText()).contains("loadCart", "/static/js/app.3f9a1c.js:");
  }

  @Test
  void aPageOfAnOriginTheKeyDoesNotListIsRefusedByTheBrowser() {
    long storedBefore = receiver.storedCount();
    browser.get(page(elsewhere, "app.html"));

    browser.executeScript("crashOnClick();");
    await().atMost(Duration.ofSeconds(20)).until(() -> sdkResults().size() == 1);

    Map<String, Object> result = sdkResults().get(0);
    assertThat(result).as("fetch failed in the page: no CORS permission").doesNotContainKey("status");
    assertThat(result.get("error").toString()).contains("Failed to fetch");
    assertThat(receiver.storedCount()).isEqualTo(storedBefore);
  }

  @Test
  void aClosingPagesBeaconArrives() {
    browser.get(page(shop, "closing.html"));
    await().until(() -> Boolean.TRUE.equals(browser.executeScript("return window.ready === true;")));

    browser.get("about:blank");

    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.errors("q=checkout%20abandoned").path("total").asLong() == 1);
    await().atMost(Duration.ofSeconds(20)).until(() -> visibleMessages().stream()
        .anyMatch(m -> m.contains("checkout abandoned with an unsaved cart")));
  }
}
