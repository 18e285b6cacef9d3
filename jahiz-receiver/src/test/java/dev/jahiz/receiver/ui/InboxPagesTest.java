package dev.jahiz.receiver.ui;

import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import dev.jahiz.receiver.testing.TestStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jahiz.receiver.testing.MutableClock;
import dev.jahiz.receiver.testing.Reply;
import dev.jahiz.receiver.testing.Reports;
import dev.jahiz.receiver.testing.RunningReceiver;
import java.nio.file.Path;
import java.time.Duration;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inbox's pages over plain HTTP: what a signed-out visitor gets, the headers that keep the pages
 * in their own frame and origin, the state filter, and groups that leave the inbox when retention
 * deletes their last report.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestStore.class)
class InboxPagesTest {
  @Parameter TestStore store;
  @TempDir Path dir;
  private final MutableClock clock = MutableClock.startingNow();
  private RunningReceiver receiver;
  private OkHttpClient browser;
  private String cookie;

  @BeforeEach
  void start() {
    receiver = RunningReceiver.in(dir, store).clock(clock).set("JAHIZ_RETENTION_DAYS", "30").start();
    browser = receiver.http().newBuilder().followRedirects(false).build();
    signIn();
  }

  private void signIn() {
    Reply signIn = RunningReceiver.send(browser, new Request.Builder().url(receiver.url("/ui/login"))
        .post(new FormBody.Builder().add("token", RunningReceiver.READ_TOKEN).add("next", "/ui").build()).build());
    assertThat(signIn.status()).isEqualTo(303);
    String setCookie = signIn.header("Set-Cookie");
    assertThat(setCookie).contains("HttpOnly", "SameSite=Strict", "Path=/ui");
    cookie = setCookie.split(";")[0];
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  private Reply page(String path) {
    return RunningReceiver.send(browser, new Request.Builder().url(receiver.url(path)).header("Cookie", cookie).build());
  }

  private String report(String message) {
    Reply r = receiver.postSigned("/webhook/error", Reports.body("app_name", "billing", "error_type",
        "java.lang.IllegalStateException", "error_message", message));
    return r.json().path("fingerprint").asText();
  }

  @Test
  void aSignedOutVisitorIsSentToSignInAndComesBackToThePageAsked() {
    Reply anonymous = RunningReceiver.send(browser, new Request.Builder().url(receiver.url("/ui?state=muted")).build());

    assertThat(anonymous.status()).isEqualTo(303);
    assertThat(anonymous.header("Location")).isEqualTo("/ui/login?next=%2Fui%3Fstate%3Dmuted");
    Reply offsite = RunningReceiver.send(browser, new Request.Builder().url(receiver.url("/ui/login"))
        .post(new FormBody.Builder().add("token", RunningReceiver.READ_TOKEN).add("next", "//evil.example.com").build())
        .build());
    assertThat(offsite.header("Location")).isEqualTo("/ui");
  }

  @Test
  void pagesForbidFramingScriptsAndOtherOrigins() {
    Reply inbox = page("/ui");

    assertThat(inbox.status()).isEqualTo(200);
    assertThat(inbox.header("Content-Security-Policy")).contains("default-src 'none'", "frame-ancestors 'none'",
        "form-action 'self'");
    assertThat(inbox.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(inbox.body()).doesNotContain("<script", "https://");
    Reply css = page("/ui/assets/app.css");
    assertThat(css.header("Content-Type")).startsWith("text/css");
  }

  @Test
  void theStateFilterKeepsOnlyGroupsInThatState() {
    String resolved = report("ledger is closed");
    report("card declined");
    receiver.postWithReadToken("/groups/" + resolved + "/resolve");

    assertThat(page("/ui?state=resolved").body()).contains("ledger is closed").doesNotContain("card declined");
    assertThat(page("/ui?state=open").body()).contains("card declined").doesNotContain("ledger is closed");
    assertThat(page("/ui").body()).contains("card declined", "ledger is closed", "2 groups");
  }

  @Test
  void aGroupWhoseReportsExpiredLeavesTheInbox() {
    String old = report("from last month");
    clock.advance(Duration.ofDays(20));
    report("from this week");
    clock.advance(Duration.ofDays(11));

    receiver.receiver().retention().runOnce();

    assertThat(page("/ui").status()).as("a session lasts 12 hours").isEqualTo(303);
    signIn();
    assertThat(page("/ui").body()).contains("from this week").doesNotContain("from last month");
    assertThat(page("/ui/groups/" + old).status()).isEqualTo(404);
  }

  @Test
  void theMonitoringPageShowsEachSourcesTrafficOfTheLastMinutes() {
    report("ledger is closed");
    receiver.postSigned("/webhook/error", Reports.body("app_name", "checkout", "error_message", "card declined"));
    clock.advance(Duration.ofSeconds(1)); // the last 15 minutes end before now; this clock stands still otherwise

    await().until(() -> page("/ui/monitoring").body().contains("checkout"));
    String monitoring = page("/ui/monitoring").body();
    assertThat(monitoring).contains("Alerts in force", "billing", "checkout", "Error rate", "0.0 %");

    clock.advance(Duration.ofHours(1));
    receiver.receiver().monitoring().aggregateFinishedHours();
    assertThat(page("/ui/monitoring").body()).as("the finished hour, charted per source")
        .contains("aria-label=\"1 in the last 24 hours\"", "aria-label=\"worst hour 0.0 % failed\"",
            "aria-label=\"worst hour p99 ");
  }

  @Test
  void signingOutEndsTheSession() {
    String csrf = page("/ui").body().replaceAll("(?s).*name=\"csrf\" value=\"([^\"]+)\".*", "$1");

    Reply out = RunningReceiver.send(browser, new Request.Builder().url(receiver.url("/ui/logout"))
        .header("Cookie", cookie).post(new FormBody.Builder().add("csrf", csrf).build()).build());

    assertThat(out.status()).isEqualTo(303);
    assertThat(out.header("Set-Cookie")).startsWith("jahiz_session=;").contains("Expires=Thu, 01 Jan 1970");
    assertThat(page("/ui").status()).as("the old cookie no longer signs in").isEqualTo(303);
  }

  @Test
  void aFormWithoutTheSessionsCsrfTokenChangesNothing() {
    String fingerprint = report("ledger is closed");

    Reply forged = RunningReceiver.send(browser, new Request.Builder().url(receiver.url("/ui/groups/" + fingerprint
        + "/resolve")).header("Cookie", cookie).post(new FormBody.Builder().add("csrf", "guess").build()).build());

    assertThat(forged.status()).isEqualTo(403);
    assertThat(receiver.get("/groups").json().path("data").get(0).path("state").asText()).isEqualTo("open");
    assertThat(page("/ui").status()).as("the session itself still works").isEqualTo(200);
  }
}
