package dev.jahiz.receiver.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.awaitility.Awaitility;

import dev.jahiz.receiver.testing.Chromium;
import dev.jahiz.receiver.testing.PageServer;
import dev.jahiz.receiver.testing.Reply;
import dev.jahiz.receiver.testing.Reports;
import dev.jahiz.receiver.testing.RunningReceiver;
import dev.jahiz.testing.BotApiHtml;
import dev.jahiz.testing.FakeBotApi;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The web inbox in a real headless Chromium against the real receiver: sign in with the read token,
 * find a group a signed report created, open it, resolve it, see the same failure come back as a
 * regression on the page and in the next Telegram message; mute a group and see nothing sent; a wrong
 * token and a form posted from another site are refused. Takes the README's screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebInboxBrowserTest {
  private static final Path DOCS = Path.of("..", "docs");

  private FakeBotApi bot;
  private RunningReceiver receiver;
  private PageServer elsewhere;
  private ChromeDriver browser;

  @BeforeAll
  void start(@TempDir Path dir) throws IOException {
    // Telegram's pace (a message a second) with several groups in the queue: give delivery time.
    Awaitility.setDefaultTimeout(Duration.ofSeconds(30));
    bot = new FakeBotApi();
    elsewhere = new PageServer();
    receiver = RunningReceiver.in(dir).botApi(bot.url()).set("JAHIZ_PUBLIC_URL", "https://jahiz.example.com").start();
    browser = Chromium.start(Files.createDirectories(dir.resolve("profile")));
    browser.manage().window().setSize(new Dimension(1280, 900));
  }

  @AfterAll
  void stop() {
    Awaitility.reset();
    if (browser != null) {
      browser.quit();
    }
    for (AutoCloseable c : new AutoCloseable[] {receiver, bot, elsewhere}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception ignored) {
        // Best effort: the next resource still gets closed.
      }
    }
  }

  @BeforeEach
  void signedOut() {
    browser.get(receiver.url("/ui/login"));
    browser.manage().deleteAllCookies();
  }

  private String report(String app, String environment, String type, String message, Instant at, String host) {
    Reply r = receiver.postSigned("/webhook/error", Reports.body("app_name", app, "environment", environment,
        "error_type", type, "error_message", message, "severity", "error", "timestamp", at.toString(),
        "stacktrace", type + ": " + message + "\n\tat com.acme.billing.Ledger.post(Ledger.java:88)\n"
            + "\tat com.acme.billing.InvoiceService.close(InvoiceService.java:41)\n"
            + "\tat org.springframework.aop.framework.ReflectiveMethodInvocation.proceed(ReflectiveMethodInvocation.java:184)\n"
            + "\tat org.springframework.transaction.interceptor.TransactionInterceptor.invoke(TransactionInterceptor.java:119)\n"
            + "\tat org.springframework.aop.framework.CglibAopProxy.intercept(CglibAopProxy.java:720)\n"
            + "\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)\n"
            + "\tat com.acme.billing.web.InvoiceController.close(InvoiceController.java:27)\n",
        "tags", Map.of("region", "eu-west-1", "tenant", "acme"),
        "metadata", Map.of("invoice_id", "INV-2041", "amount", "129.00 EUR"),
        "user", Map.of("user_id", "u-1842", "email", "dana@example.com"),
        "context", Map.of("request_method", "POST", "request_url", "/invoices/2041/close", "response_status", 500),
        "device", Map.of("hostname", host)));
    assertThat(r.status()).isEqualTo(200);
    return r.json().path("fingerprint").asText();
  }

  private void signIn(String token) {
    browser.get(receiver.url("/ui"));
    assertThat(browser.getCurrentUrl()).contains("/ui/login");
    browser.findElement(By.id("token")).sendKeys(token);
    browser.findElement(By.cssSelector(".login button[type=submit]")).click();
    // The form's answer has arrived once the browser left the sign-in page or it says what was wrong.
    await().until(() -> !browser.getCurrentUrl().contains("/ui/login")
        || !browser.findElements(By.cssSelector(".problem")).isEmpty());
  }

  private void openGroup(String fingerprint) {
    browser.get(receiver.url("/ui/groups/" + URLEncoder.encode(fingerprint, StandardCharsets.UTF_8)));
  }

  private void press(String label) {
    browser.findElements(By.cssSelector(".actions button")).stream().filter(b -> b.getText().equals(label))
        .findFirst().orElseThrow(() -> new AssertionError("no button " + label)).click();
  }

  private String state() {
    return browser.findElement(By.cssSelector(".state-line .state")).getText();
  }

  /** After a button posts its form: the page it lands on, once loaded, shows this state. */
  private void awaitState(String expected) {
    await().ignoreExceptions().until(() -> state().equals(expected));
  }

  private String groupState(String fingerprint) {
    for (var g : receiver.get("/groups").json().path("data")) {
      if (g.path("fingerprint").asText().equals(fingerprint)) {
        return g.path("state").asText();
      }
    }
    throw new AssertionError("no group " + fingerprint);
  }

  /**
   * Every run writes to target/screenshots; the copies in docs/ (the README's) are refreshed only on
   * request ({@code -Djahiz.docs.screenshots=true}), so a test run leaves the working tree as it was.
   */
  private void screenshot(String name) throws IOException {
    byte[] png = browser.getScreenshotAs(OutputType.BYTES);
    Files.write(Files.createDirectories(Path.of("target", "screenshots")).resolve(name), png);
    if (Boolean.getBoolean("jahiz.docs.screenshots") && Files.isDirectory(DOCS)) {
      Files.write(DOCS.resolve(name), png);
    }
  }

  @Test
  void signInOpenAGroupResolveItAndSeeItsRegressionOnThePageAndInTelegram() throws IOException {
    Instant now = Instant.now();
    for (int h = 20; h >= 1; h -= 3) {
      report("checkout", "production", "java.net.SocketTimeoutException", "Read timed out calling payments",
          now.minus(Duration.ofHours(h)), "checkout-7f9c");
    }
    report("search", "staging", "java.lang.NullPointerException", "Cannot invoke \"Query.terms()\" because \"q\" is null",
        now.minus(Duration.ofHours(2)), "search-1a2b");
    String fingerprint = report("billing", "production", "java.lang.IllegalStateException",
        "ledger is closed for 2026-11", now.minus(Duration.ofMinutes(30)), "billing-5d6e");
    await().until(() -> bot.texts().stream().anyMatch(t -> t.contains("ledger is closed")));
    int sentBefore = bot.messages().size();

    signIn(RunningReceiver.READ_TOKEN);

    assertThat(browser.getCurrentUrl()).endsWith("/ui");
    WebElement row = browser.findElements(By.cssSelector("table.groups tbody tr")).stream()
        .filter(r -> r.getText().contains("ledger is closed")).findFirst().orElseThrow();
    assertThat(row.getText()).contains("billing", "production", "open");
    assertThat(browser.findElements(By.cssSelector("table.groups tbody tr"))).hasSizeGreaterThanOrEqualTo(3);
    screenshot("web-inbox.png");

    browser.get(receiver.url("/ui?app=checkout"));
    assertThat(browser.findElements(By.cssSelector("table.groups tbody tr"))).hasSize(1);
    assertThat(browser.findElement(By.cssSelector("table.groups")).getText()).contains("SocketTimeoutException");
    assertThat(browser.findElements(By.cssSelector("table.groups svg.spark rect"))).hasSize(7);
    browser.manage().window().setSize(new Dimension(375, 812));
    browser.get(receiver.url("/ui"));
    screenshot("web-inbox-phone.png");
    browser.manage().window().setSize(new Dimension(1280, 900));

    browser.get(receiver.url("/ui"));
    browser.findElement(By.linkText("IllegalStateException: ledger is closed for 2026-11")).click();
    await().ignoreExceptions().until(() -> browser.findElement(By.cssSelector("h1.group-title")).getText()
        .contains("ledger is closed"));
    assertThat(browser.findElement(By.cssSelector(".telegram")).getText()).contains("ledger is closed", "billing");
    assertThat(browser.findElements(By.cssSelector(".trace .app")).get(0).getText()).contains("Ledger.post");
    assertThat(browser.findElement(By.cssSelector(".trace details summary")).getText()).isEqualTo("4 framework frames");
    assertThat(browser.findElement(By.cssSelector("table.occurrences")).getText())
        .contains("billing-5d6e", "dana@example.com", "POST /invoices/2041/close");
    assertThat(browser.findElement(By.tagName("main")).getText()).contains("#region", "eu-west-1", "invoice_id");
    assertThat(browser.findElements(By.cssSelector("svg.week rect"))).hasSize(1);
    screenshot("web-inbox-group.png");

    press("Resolve");
    awaitState("resolved");
    assertThat(groupState(fingerprint)).isEqualTo("resolved");

    report("billing", "production", "java.lang.IllegalStateException", "ledger is closed for 2026-11", Instant.now(),
        "billing-9z8y");
    await().until(() -> bot.messages().size() > sentBefore);
    browser.navigate().refresh();

    assertThat(state()).isEqualTo("open");
    assertThat(browser.findElement(By.cssSelector(".regression")).getText()).startsWith("Regression: resolved on");
    String regression = BotApiHtml.visible(bot.texts().get(bot.texts().size() - 1));
    assertThat(regression).startsWith("🔁 Regression: resolved on ").contains("by web inbox", "ledger is closed");
  }

  @Test
  void aGroupMutedInTheInboxIsStoredButNotSent() {
    String fingerprint = report("orders", "production", "java.sql.SQLTransientConnectionException",
        "pool exhausted", Instant.now(), "orders-1");
    await().until(() -> bot.texts().stream().anyMatch(t -> t.contains("pool exhausted")));
    int sent = bot.messages().size();
    signIn(RunningReceiver.READ_TOKEN);
    openGroup(fingerprint);

    press("Mute 1 h");

    awaitState("muted");
    report("orders", "production", "java.sql.SQLTransientConnectionException", "pool exhausted", Instant.now(),
        "orders-2");
    await().until(() -> receiver.errors("status=muted").path("total").asLong() == 1);
    assertThat(bot.messages()).hasSize(sent);
    browser.navigate().refresh();
    assertThat(browser.findElement(By.cssSelector("dl.facts")).getText()).contains("2 occurrences");
  }

  @Test
  void everythingCanBeDoneWithTheKeyboardAlone() {
    report("shipping", "production", "java.lang.IllegalStateException", "label printer offline", Instant.now(),
        "shipping-1");
    browser.get(receiver.url("/ui"));
    browser.switchTo().activeElement().sendKeys(RunningReceiver.READ_TOKEN + Keys.ENTER); // the token field has focus
    await().until(() -> browser.getCurrentUrl().endsWith("/ui"));

    browser.switchTo().activeElement().sendKeys(Keys.TAB);
    assertThat(browser.switchTo().activeElement().getText()).as("first stop: the skip link").isEqualTo("Skip to content");
    tabTo(e -> e.getText().contains("label printer offline"), 80).sendKeys(Keys.ENTER);
    await().ignoreExceptions().until(() -> browser.findElement(By.cssSelector("h1.group-title")).getText()
        .contains("label printer offline"));
    tabTo(e -> e.getText().equals("Resolve"), 20).sendKeys(Keys.ENTER);

    awaitState("resolved");
  }

  /** Presses Tab until the focused element matches, at most {@code presses} times. */
  private WebElement tabTo(java.util.function.Predicate<WebElement> wanted, int presses) {
    for (int i = 0; i < presses; i++) {
      browser.switchTo().activeElement().sendKeys(Keys.TAB);
      WebElement focused = browser.switchTo().activeElement();
      if (wanted.test(focused)) {
        return focused;
      }
    }
    throw new AssertionError("not reached with " + presses + " Tab presses");
  }

  @Test
  void aWrongTokenIsRefused() {
    signIn("not-the-read-token-at-all-0000");

    assertThat(browser.getCurrentUrl()).contains("/ui/login");
    assertThat(browser.findElement(By.cssSelector(".problem")).getText()).contains("not a read token");
    assertThat(browser.manage().getCookieNamed(UiAuth.COOKIE)).isNull();
    browser.get(receiver.url("/ui"));
    assertThat(browser.getCurrentUrl()).contains("/ui/login");
  }

  @Test
  void aFormPostedFromAnotherSiteIsRefused() {
    String fingerprint = report("inventory", "production", "java.lang.IllegalArgumentException", "negative stock",
        Instant.now(), "inventory-1");
    signIn(RunningReceiver.READ_TOKEN);
    openGroup(fingerprint);
    assertThat(state()).isEqualTo("open");
    String target = receiver.url("/ui/groups/" + URLEncoder.encode(fingerprint, StandardCharsets.UTF_8) + "/resolve");

    browser.get(elsewhere.url("/cross-site-post.html?target=" + URLEncoder.encode(target, StandardCharsets.UTF_8)));

    await().until(() -> browser.getCurrentUrl().startsWith(receiver.url("/ui/groups/")));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Refused");
    assertThat(groupState(fingerprint)).isEqualTo("open");
    openGroup(fingerprint);
    assertThat(state()).as("the signed-in session itself still works").isEqualTo("open");
  }
}
