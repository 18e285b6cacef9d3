package dev.jahiz.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.jahiz.classify.ErrorClass;
import dev.jahiz.client.JahizClient;
import dev.jahiz.client.ReportDefaults;
import dev.jahiz.report.ErrorReport;
import dev.jahiz.telegram.TelegramTransport;
import dev.jahiz.testing.BotApiHtml;
import dev.jahiz.testing.FakeBotApi;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ignore rules: what each condition matches, the seed's "no test errors from production", and the client's count. */
class IgnoreRulesTest {
  private static boolean ignores(String rules, ErrorReport report, Throwable t) {
    return IgnoreRules.parse(rules).firstMatch(report, t) != null;
  }

  private static ErrorReport.Builder report(String message) {
    return ErrorReport.builder().errorMessage(message);
  }

  @Test
  void theSeedsTestErrorsInProductionRule() {
    String rule = "environment=production && message~(?i)\\btest\\b";

    assertThat(ignores(rule, report("Test webhook error").environment("production").build(), null)).isTrue();
    assertThat(ignores(rule, report("Test webhook error").environment("staging").build(), null)).isFalse();
    assertThat(ignores(rule, report("payment declined").environment("production").build(), null)).isFalse();
  }

  @Test
  void typeMatchesTheExceptionOrACauseWithSubclassesAndByNameForTextReports() {
    Throwable wrapped = new IllegalStateException("sync", new UncheckedIOException(new ConnectException("refused")));

    assertThat(ignores("type=java.io.IOException", report("sync").build(), wrapped)).as("ConnectException is an IOException")
        .isTrue();
    assertThat(ignores("type=ConnectException", report("sync").build(), wrapped)).isTrue();
    assertThat(ignores("type=java.lang.IllegalArgumentException", report("sync").build(), wrapped)).isFalse();
    ErrorReport python = report("bad").errorType("ValueError").build();
    assertThat(ignores("type=ValueError", python, null)).isTrue();
    assertThat(ignores("type=TypeError", python, null)).isFalse();
    ErrorReport javaText = report("sync").errorType("java.lang.IllegalStateException")
        .stacktrace("java.lang.IllegalStateException: sync\n\tat a.B.c(B.java:1)\nCaused by: java.net.ConnectException: refused\n")
        .build();
    assertThat(ignores("type=java.net.ConnectException", javaText, null)).isTrue();
  }

  @Test
  void loggerClassAppAndTagConditions() {
    ErrorReport r = report("x").logger("com.example.legacy.Importer").appName("Checkout")
        .errorClass(ErrorClass.TIMEOUT_ERROR).tags(Map.of("team", "qa", "synthetic", "")).build();

    assertThat(ignores("logger=com.example.legacy", r, null)).isTrue();
    assertThat(ignores("logger=com.example.leg", r, null)).as("a prefix of the package name, not of a word").isFalse();
    assertThat(ignores("class=timeout_error", r, null)).isTrue();
    assertThat(ignores("class=validation_error", r, null)).isFalse();
    assertThat(ignores("class=validation_error", report("x").errorType("ValueError").build(), null)).isTrue();
    assertThat(ignores("app=checkout", r, null)).isTrue();
    assertThat(ignores("tag.team=qa", r, null)).isTrue();
    assertThat(ignores("tag.team=backend", r, null)).isFalse();
    assertThat(ignores("tag.synthetic", r, null)).isTrue();
    assertThat(ignores("app=checkout && tag.team=backend", r, null)).as("every condition must hold").isFalse();
    assertThat(ignores("tag.team=backend; app=checkout", r, null)).as("any rule may match").isTrue();
  }

  @Test
  void aRuleThatCannotBeReadIsRefusedNamingIt() {
    assertThatThrownBy(() -> IgnoreRules.parse("level=debug")).hasMessageContaining("'level=debug'")
        .hasMessageContaining("type=<exception type>");
    assertThatThrownBy(() -> IgnoreRules.parse("message~(unclosed")).hasMessageContaining("regex");
    assertThatThrownBy(() -> IgnoreRules.parse("class=quota")).hasMessageContaining("validation_error");
    assertThat(IgnoreRules.parse("# a comment\n\ntype=ValueError\n").rules()).hasSize(1);
  }

  @Test
  void theClientCountsFilteredReportsAndSendsTheRest() {
    try (FakeBotApi api = new FakeBotApi()) {
      TelegramTransport transport = TelegramTransport.builder().botToken(FakeBotApi.TOKEN).chatId("4242")
          .apiBaseUrl(api.url()).build();
      JahizClient client = JahizClient.builder(transport)
          .defaults(ReportDefaults.builder().environment("production").build())
          .ignore(IgnoreRules.parse("environment=production && message~(?i)test; type=java.net.ConnectException"))
          .build();
      try {
        client.report(ErrorReport.of("Test webhook error"));
        client.report(ErrorReport.of("stock sync failed"), new IllegalStateException("x", new ConnectException("no")));
        client.report(ErrorReport.of("payment declined"));

        await().atMost(Duration.ofSeconds(10)).until(() -> client.counters().sent() == 1);
        assertThat(client.counters().filtered()).isEqualTo(2);
        assertThat(client.counters().queueDepth()).isZero();
        assertThat(api.texts()).singleElement().satisfies(t -> assertThat(BotApiHtml.visible(t))
            .contains("payment declined"));
      } finally {
        client.close(Duration.ofSeconds(2));
      }
    }
  }
}
