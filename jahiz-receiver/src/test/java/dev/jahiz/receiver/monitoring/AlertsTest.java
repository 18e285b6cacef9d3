package dev.jahiz.receiver.monitoring;

import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import dev.jahiz.receiver.testing.TestStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.jahiz.receiver.testing.MutableClock;
import dev.jahiz.receiver.testing.Reports;
import dev.jahiz.receiver.testing.RunningReceiver;
import dev.jahiz.receiver.testing.Signed;
import dev.jahiz.receiver.testing.SwitchableBotApi;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each alert condition driven across its threshold and back with a hand-moved clock: exactly one alert
 * and one recovery, at the fake Bot API and at a real SMTP server (GreenMail), however often the
 * 5-minute check runs in between.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestStore.class)
class AlertsTest {
  @Parameter TestStore store;
  @RegisterExtension
  static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path dir;
  private final MutableClock clock = MutableClock.startingNow();
  private final SwitchableBotApi api = new SwitchableBotApi();
  private RunningReceiver receiver;

  @BeforeEach
  void start() {
    receiver = withAlerts().start();
  }

  private RunningReceiver.Builder withAlerts() {
    return RunningReceiver.in(dir, store).clock(clock).botApi(api.url())
        .set("EMAIL_HOST", "127.0.0.1")
        .set("EMAIL_PORT", Integer.toString(smtp.getSmtp().getPort()))
        .set("ADMIN_EMAIL", "oncall@example.com")
        .set("DEFAULT_FROM_EMAIL", "jahiz@example.com")
        .set("JAHIZ_ALERT_CHAT_ID", "-100777");
  }

  @AfterEach
  void stop() {
    receiver.close();
    api.close();
  }

  private int check() {
    return receiver.receiver().monitoring().checkAlerts();
  }

  private void post(String app, int count) {
    for (int i = 0; i < count; i++) {
      assertThat(receiver.postSigned("/webhook/error", Reports.body("error_message", "failure " + i, "app_name", app))
          .status()).isEqualTo(200);
    }
  }

  private void postInvalid(String app, int count) {
    for (int i = 0; i < count; i++) {
      assertThat(receiver.postSigned("/webhook/error", Reports.body("app_name", app)).status()).isEqualTo(422);
    }
  }

  private void postForged(int count) {
    byte[] body = Reports.body("error_message", "forged");
    for (int i = 0; i < count; i++) {
      assertThat(receiver.postJson("/webhook/error", body, Signed.bodyHex("guessed", body)).status()).isEqualTo(401);
    }
  }

  /** Recorded events reach the database within a moment; the checks read the database. */
  private void awaitRecorded(int requests) {
    await().untilAsserted(() -> assertThat(receiver.get("/api/health/webhook").json().path("summary")
        .path("total_events_last_15min").asInt()).isGreaterThanOrEqualTo(requests));
  }

  /** Alert texts that reached the alert chat at the fake Bot API. */
  private List<String> chatAlerts() {
    List<String> out = new ArrayList<>();
    api.bot().messages().stream().filter(m -> m.path("chat_id").asText().equals("-100777"))
        .forEach(m -> out.add(m.path("text").asText()));
    return out;
  }

  private List<String> mailSubjects() throws MessagingException {
    List<String> out = new ArrayList<>();
    for (MimeMessage m : smtp.getReceivedMessages()) {
      out.add(m.getSubject());
    }
    return out;
  }

  private String mailBody(int index) {
    return GreenMailUtil.getBody(smtp.getReceivedMessages()[index]);
  }

  @Test
  void errorRateAlertsOnceAndRecoversOnceAndNeverBelowTheMinimumRequestCount() throws Exception {
    post("checkout", 1);
    postInvalid("checkout", 2);
    awaitRecorded(3);
    assertThat(check()).as("2 of 3 failed, but 3 requests are below the minimum of 20").isZero();

    post("checkout", 19);
    postInvalid("checkout", 3);
    awaitRecorded(25);
    assertThat(check()).isEqualTo(1);
    assertThat(check()).as("still failing: no reminder").isZero();
    clock.advance(Duration.ofMinutes(5));
    assertThat(check()).isZero();

    assertThat(mailSubjects()).containsExactly("⚠️ High webhook error rate: checkout");
    assertThat(mailBody(0)).contains("Source \"checkout\" has 20.0% error rate (5/25 failed) in the last 15 minutes",
        "Errors: ValidationError (5)", "Threshold: 10.0% with at least 20 requests", "Time: ");
    assertThat(chatAlerts()).singleElement().asString()
        .contains("High webhook error rate: checkout", "20.0% error rate (5/25 failed)");

    clock.advance(Duration.ofMinutes(11));
    post("checkout", 20);
    awaitRecorded(20);
    assertThat(check()).isEqualTo(1);
    assertThat(check()).isZero();

    assertThat(mailSubjects()).containsExactly("⚠️ High webhook error rate: checkout",
        "✅ Webhook error rate back to normal: checkout");
    assertThat(mailBody(1)).contains("0.0% error rate (0/20 failed)", "minutes ago");
    assertThat(chatAlerts()).hasSize(2);
    assertThat(chatAlerts().get(1)).contains("Webhook error rate back to normal: checkout");
  }

  @Test
  void signatureFailuresOverTheLimitRaiseASecurityAlertNamingTheAddresses() throws Exception {
    postForged(5);
    awaitRecorded(5);
    assertThat(check()).as("5 is the limit, not over it").isZero();

    postForged(2);
    awaitRecorded(7);
    assertThat(check()).isEqualTo(1);
    assertThat(check()).isZero();
    assertThat(mailSubjects()).containsExactly("🔐 Security alert: 7 signature validation failures in the last 15 minutes");
    assertThat(mailBody(0)).contains("From: 127.0.0.1 (7)", "Sources: unknown (7)", "Types: InvalidSignature (7)");

    clock.advance(Duration.ofMinutes(16));
    assertThat(check()).isEqualTo(1);
    assertThat(check()).isZero();
    assertThat(mailSubjects()).hasSize(2).last().isEqualTo("✅ Signature failures back to normal");
    assertThat(chatAlerts()).hasSize(2);
    assertThat(chatAlerts().get(0)).contains("Security alert: 7 signature validation failures", "127.0.0.1 (7)");
  }

  @Test
  void aRestartNeitherRepeatsAnAlertInForceNorForgetsItsRecovery() throws Exception {
    postForged(7);
    awaitRecorded(7);
    assertThat(check()).isEqualTo(1);

    receiver.close();
    receiver = withAlerts().start();
    assertThat(check()).as("announced before the restart").isZero();

    clock.advance(Duration.ofMinutes(16));
    assertThat(check()).isEqualTo(1);
    assertThat(mailSubjects()).containsExactly(
        "🔐 Security alert: 7 signature validation failures in the last 15 minutes",
        "✅ Signature failures back to normal");
  }

  @Test
  void receiversSharingTheDatabaseAnnounceAnAlertAndItsRecoveryOnceBetweenThem() throws Exception {
    // Whichever receiver holds the monitoring job's lease runs the check; the next round it may be another.
    try (RunningReceiver other = withAlerts().start()) {
      postForged(7);
      awaitRecorded(7);
      assertThat(check()).isEqualTo(1);
      assertThat(other.receiver().monitoring().checkAlerts()).as("announced by the first receiver").isZero();

      clock.advance(Duration.ofMinutes(16));
      assertThat(other.receiver().monitoring().checkAlerts()).isEqualTo(1);
      assertThat(check()).as("recovery announced by the other receiver").isZero();
    }
    assertThat(mailSubjects()).containsExactly(
        "🔐 Security alert: 7 signature validation failures in the last 15 minutes",
        "✅ Signature failures back to normal");
  }

  @Test
  void aSourceActiveYesterdayThatFallsSilentAlertsAndRecoversWhenItSendsAgain() throws Exception {
    post("billing", 3);
    assertThat(receiver.postSigned("/webhook/test", new byte[0]).status()).isEqualTo(200);
    awaitRecorded(4);
    clock.advance(Duration.ofMinutes(14));
    assertThat(check()).as("silent for 14 minutes only").isZero();

    clock.advance(Duration.ofMinutes(2));
    assertThat(check()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(5));
    assertThat(check()).isZero();
    assertThat(mailSubjects()).as("a one-off test notification going quiet is no news")
        .containsExactly("🔇 No webhook traffic: billing");
    assertThat(mailBody(0)).contains("Source \"billing\" sent no requests in the last 15 minutes; it sent 3 in the"
        + " 24 hours before");

    post("billing", 1);
    awaitRecorded(1);
    assertThat(check()).isEqualTo(1);
    assertThat(check()).isZero();
    assertThat(mailSubjects()).containsExactly("🔇 No webhook traffic: billing", "✅ Webhook traffic resumed: billing");
    assertThat(chatAlerts()).hasSize(2);
  }

  @Test
  void noTrafficAlertsCanBeSwitchedOffPerSourceAndAllAlertsAtOnce() throws Exception {
    receiver.close();
    receiver = withAlerts().set("WEBHOOK_NO_TRAFFIC_IGNORE", "nightly-batch").start();
    post("nightly-batch", 1);
    post("billing", 1);
    awaitRecorded(2);
    clock.advance(Duration.ofMinutes(16));
    assertThat(check()).isEqualTo(1);
    assertThat(mailSubjects()).containsExactly("🔇 No webhook traffic: billing");

    receiver.close();
    receiver = withAlerts().set("WEBHOOK_ALERTS_ENABLED", "false").start();
    postForged(10);
    awaitRecorded(10);
    assertThat(check()).isZero();
    assertThat(mailSubjects()).hasSize(1);
  }

  @Test
  void processingSlowerThanTheTimeoutAlertsOnceAndRecovers() throws Exception {
    receiver.close();
    receiver = withAlerts().set("WEBHOOK_PROCESSING_TIMEOUT", "30").start();
    // Requests here take milliseconds: the slow ones are recorded through the recorder API, as a route would.
    WebhookRecorder recorder = receiver.receiver().monitoring().recorder();
    for (double ms : new double[] {12, 31_500, 45_000}) {
      recorder.record(new WebhookEvent(clock.instant(), WebhookEvent.Kind.REQUEST, "sentry", WebhookEvent.PROCESSED,
          true, ms, 200, null, null, "10.0.0.9", true));
    }
    assertThat(check()).isEqualTo(1);
    assertThat(check()).isZero();
    assertThat(mailSubjects()).containsExactly("🐢 Slow webhook processing: sentry");
    assertThat(mailBody(0)).contains("2 of 3 requests from \"sentry\" took longer than 30 s", "slowest 45.0 s");

    clock.advance(Duration.ofMinutes(16));
    recorder.record(new WebhookEvent(clock.instant(), WebhookEvent.Kind.REQUEST, "sentry", WebhookEvent.PROCESSED,
        true, 40.0, 200, null, null, "10.0.0.9", true));
    assertThat(check()).isEqualTo(1);
    assertThat(mailSubjects()).last().isEqualTo("✅ Webhook processing back to normal: sentry");
  }

  @Test
  void telegramFailingFor15MinutesIsEmailedAndItsRecoveryReachesBoth() throws Exception {
    receiver.close();
    receiver = withAlerts().set("WEBHOOK_NO_TRAFFIC_ALERTS", "false").start();
    api.down();
    post("checkout", 1);
    await().until(() -> api.failedCalls() >= 2);
    await().untilAsserted(() -> assertThat(receiver.get("/api/health/webhook").json().path("summary")
        .path("responses_failed_last_15min").asInt()).isGreaterThanOrEqualTo(1));
    assertThat(check()).as("failing, but not yet for 15 minutes").isZero();

    clock.advance(Duration.ofMinutes(16));
    assertThat(check()).isEqualTo(1);
    assertThat(check()).isZero();
    assertThat(mailSubjects()).containsExactly("📵 Telegram delivery failing");
    assertThat(mailBody(0)).contains("No report reached Telegram since", "last success never",
        "Last error: ", "Reports are still stored");
    assertThat(receiver.get("/api/health/webhook").json().path("status").asText()).isEqualTo("unhealthy");
    assertThat(chatAlerts()).as("Telegram was down: only e-mail could tell").isEmpty();

    api.up();
    await().until(() -> api.bot().messages().stream().anyMatch(m -> m.path("text").asText().contains("failure 0")));
    await().untilAsserted(() -> assertThat(receiver.get("/api/health/webhook").json().path("summary")
        .path("responses_sent_last_15min").asInt()).isEqualTo(1));
    assertThat(check()).isEqualTo(1);
    assertThat(check()).isZero();
    assertThat(mailSubjects()).containsExactly("📵 Telegram delivery failing", "✅ Telegram delivery works again");
    assertThat(chatAlerts()).singleElement().asString().contains("Telegram delivery works again");
  }

  @Test
  void withoutAnSmtpServerAlertsGoToTelegramOnly() {
    receiver.close();
    receiver = withAlerts().unset("EMAIL_HOST").start();
    postForged(6);
    awaitRecorded(6);
    assertThat(check()).isEqualTo(1);
    assertThat(chatAlerts()).singleElement().asString().contains("Security alert: 6 signature validation failures");
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }
}
