package dev.jahiz.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jahiz.agent.apps.Log4j2App;
import dev.jahiz.testing.FakeBotApi;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A Log4j 2 app with no Jahiz anywhere in its dependencies or configuration, run with the agent. */
class Log4j2AgentIT {
  private final FakeBotApi api = new FakeBotApi();

  @AfterEach
  void close() {
    api.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"log4j-oldest", "log4j-newest"})
  void eachErrorEventArrivesOnceWhateverTheLoggersBridgesAndReconfigurations(String log4j) throws Exception {
    AppRun.Result run = AppRun.app(log4j, Log4j2App.class.getName()).telegram(api)
        .env("JAHIZ_APP_NAME", "billing").run();

    assertThat(run.exit).as(run.toString()).isZero();
    assertThat(run.out).contains("billing done");
    List<String> texts = api.texts();
    assertThat(texts).as(run.toString()).hasSize(5);
    assertThat(texts).anySatisfy(t -> assertThat(t).contains("payment failed for order 42")
        .contains("IllegalStateException").contains("card declined").contains("billing").contains("u-17"));
    for (String event : List.of("audit trail broken", "nightly job failed", "order sync failed",
        "refund failed after reconfigure")) {
      assertThat(texts).anySatisfy(t -> assertThat(t).contains(event));
    }
    assertThat(texts).noneSatisfy(t -> assertThat(t).contains("billing starts"));
  }

  @Test
  void onALog4jOlderThanJahizSupportsTheAppLogsAsWithoutTheAgentAndOneLineSaysWhy() throws Exception {
    AppRun.Result without = AppRun.app("log4j-unsupported", Log4j2App.class.getName()).withoutAgent().run();
    AppRun.Result with = AppRun.app("log4j-unsupported", Log4j2App.class.getName()).telegram(api).run();

    assertThat(with.exit).as(with.toString()).isZero().isEqualTo(without.exit);
    assertThat(with.out).contains("refund failed after reconfigure").contains("billing done");
    // The AsyncLogger's lines may interleave differently from run to run: the same lines, in any order.
    assertThat(with.out.lines()).containsExactlyInAnyOrderElementsOf(without.out.lines().toList());
    assertThat(without.err).isEmpty();
    assertThat(with.err.lines()).as(with.toString()).singleElement().satisfies(line -> assertThat(line)
        .startsWith("jahiz-agent: ").contains("Log4j 2.10.0").contains("Jahiz needs Log4j 2.17 or newer"));
    assertThat(api.calls()).isZero();
  }
}
