package dev.jahiz.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jahiz.agent.apps.Log4j2App;
import dev.jahiz.agent.apps.LogbackApp;
import dev.jahiz.testing.FakeBotApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Logback and Log4j 2 apps on every other JDK the machine has under /usr/lib/jvm (Temurin 25
 * on the development machine), with the agent: the class loading, the weaving and the JDK's
 * uncaught-exception handling it builds on must hold on each.
 */
class OtherJdksAgentIT {
  private final FakeBotApi api = new FakeBotApi();

  @AfterEach
  void close() {
    api.close();
  }

  static Stream<String> otherJdks() throws IOException {
    List<String> homes = otherJdkHomes();
    Assumptions.assumeFalse(homes.isEmpty(), "no other JDK under /usr/lib/jvm");
    return homes.stream();
  }

  /** The JDKs under /usr/lib/jvm other than the one running the tests, each once. */
  static List<String> otherJdkHomes() throws IOException {
    Path running = Path.of(System.getProperty("java.home")).toRealPath();
    List<String> homes = new ArrayList<>();
    Path jvms = Path.of("/usr/lib/jvm");
    if (Files.isDirectory(jvms)) {
      try (Stream<Path> dirs = Files.list(jvms)) {
        for (Path dir : (Iterable<Path>) dirs::iterator) {
          Path real = dir.toRealPath();
          if (Files.isExecutable(real.resolve("bin/java")) && !real.equals(running)
              && homes.stream().noneMatch(h -> Path.of(h).equals(real))) {
            homes.add(real.toString());
          }
        }
      }
    }
    return homes;
  }

  @ParameterizedTest
  @MethodSource("otherJdks")
  void logbackAndLog4jAppsAreReported(String javaHome) throws Exception {
    AppRun.Result logback = AppRun.app("logback-newest", LogbackApp.class.getName()).java(javaHome).telegram(api).run();
    assertThat(logback.exit).as(logback.toString()).isZero();
    assertThat(api.texts()).as(logback.toString()).hasSize(3);
    assertThat(logback.err).isEmpty();

    AppRun.Result log4j = AppRun.app("log4j-newest", Log4j2App.class.getName()).java(javaHome).telegram(api).run();
    assertThat(log4j.exit).as(log4j.toString()).isZero();
    assertThat(api.texts()).as(log4j.toString()).hasSize(3 + 5);
  }
}
