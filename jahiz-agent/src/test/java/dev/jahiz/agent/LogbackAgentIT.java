package dev.jahiz.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jahiz.agent.apps.CrashingWorkerApp;
import dev.jahiz.agent.apps.LogbackApp;
import dev.jahiz.agent.apps.OldLibrariesApp;
import dev.jahiz.testing.FakeBotApi;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** A Logback app with no Jahiz anywhere in its dependencies or configuration, run with the agent. */
class LogbackAgentIT {
  private final FakeBotApi api = new FakeBotApi();

  @AfterEach
  void close() {
    api.close();
  }

  @ParameterizedTest
  // logback-1.2: Logback 1.2.13 on SLF4J 1.7.36, a generation older than the appender is built for.
  @ValueSource(strings = {"logback-1.2", "logback-oldest", "logback-newest"})
  void eachErrorEventArrivesOnceWhateverAppendersTheConfigHas(String logback) throws Exception {
    AppRun.Result run = AppRun.app(logback, LogbackApp.class.getName()).telegram(api)
        .env("JAHIZ_APP_NAME", "billing").run();

    assertThat(run.exit).as(run.toString()).isZero();
    assertThat(run.out).contains("billing done");
    List<String> texts = api.texts();
    // Delivered before the JVM exited: the shutdown hook waited for them.
    assertThat(texts).as(run.toString()).hasSize(3);
    assertThat(texts).anySatisfy(t -> assertThat(t).contains("payment failed for order 42")
        .contains("IllegalStateException").contains("card declined").contains("billing"));
    assertThat(texts).anySatisfy(t -> assertThat(t).contains("audit trail broken"));
    assertThat(texts).anySatisfy(t -> assertThat(t).contains("nightly job failed"));
    assertThat(texts).noneSatisfy(t -> assertThat(t).contains("billing starts"));
    assertThat(run.err).isEmpty();
  }

  @Test
  void anUncaughtExceptionInAWorkerIsDeliveredBeforeExitOnceEvenWhenAlsoLogged() throws Exception {
    AppRun.Result run = AppRun.app("logback-newest", CrashingWorkerApp.class.getName()).telegram(api).run();

    assertThat(run.exit).as(run.toString()).isZero();
    // The JVM's own report of the uncaught exceptions is still printed, as without the agent.
    assertThat(run.err).contains("Exception in thread \"worker-1\" java.lang.IllegalStateException: worker crashed on batch 7")
        .contains("Exception in thread \"worker-2\" java.lang.IllegalArgumentException: bad row 12");
    List<String> texts = api.texts();
    assertThat(texts).as(run.toString()).hasSize(2);
    assertThat(texts).anySatisfy(t -> assertThat(t).contains("worker crashed on batch 7").containsIgnoringCase("critical"));
    assertThat(texts).anySatisfy(t -> assertThat(t).contains("import task failed").contains("bad row 12"));
  }

  @Test
  void withNoDestinationTheAppPrintsExactlyWhatItPrintsWithoutTheAgentPlusOneLine() throws Exception {
    // This app's output is the same on every run (LogbackApp's AsyncAppender is not): its logging and
    // the JVM's report of its uncaught exceptions.
    AppRun.Result without = AppRun.app("logback-newest", CrashingWorkerApp.class.getName()).withoutAgent().run();
    AppRun.Result with = AppRun.app("logback-newest", CrashingWorkerApp.class.getName()).run();

    assertThat(with.exit).isEqualTo(without.exit);
    assertThat(with.out).isEqualTo(without.out);
    assertThat(with.err).startsWith("jahiz-agent: not started").contains("no destination")
        .contains("TELEGRAM_BOT_TOKEN").endsWith("\n");
    assertThat(without.err).contains("Exception in thread \"worker-1\"");
    assertThat(with.err.substring(with.err.indexOf('\n') + 1)).isEqualTo(without.err);
    assertThat(api.calls()).isZero();
  }

  @Test
  void aBadSettingIsNamedAndNothingElseHappens() throws Exception {
    AppRun.Result run = AppRun.app("logback-newest", LogbackApp.class.getName()).telegram(api)
        .env("JAHIZ_QUEUE_CAPACITY", "lots").jvm("-Djahiz.minimumLevel=LOUD").run();

    assertThat(run.exit).isZero();
    assertThat(run.out).contains("billing done");
    assertThat(run.err.lines()).singleElement().satisfies(line -> assertThat(line)
        .startsWith("jahiz-agent: not started").contains("JAHIZ_QUEUE_CAPACITY").contains("-Djahiz.minimumLevel"));
    assertThat(api.calls()).isZero();
  }

  @Test
  void anAppOnOtherVersionsOfOkHttpJacksonKotlinAndByteBuddyKeepsItsOwn() throws Exception {
    AppRun.Result run = AppRun.app("old-libraries", OldLibrariesApp.class.getName()).telegram(api).run(api.url());

    assertThat(run.exit).as(run.toString()).isZero();
    assertThat(run.out).contains("okhttp 4.12.0 answered 404").contains("jackson 2.12.7 wrote {\"order\":42}")
        .contains("kotlin 1.8.21").contains("bytebuddy from byte-buddy-1.12.19.jar made true");
    assertThat(api.texts()).as(run.toString()).singleElement()
        .satisfies(t -> assertThat(t).contains("legacy sync failed").contains("timeout"));
  }
}
