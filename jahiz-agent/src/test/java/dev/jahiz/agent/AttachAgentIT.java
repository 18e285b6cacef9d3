package dev.jahiz.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jahiz.agent.apps.LongRunningApp;
import dev.jahiz.testing.FakeBotApi;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent attached to an app that is already running without it, as an operator would: {@code
 * jcmd <pid> JVMTI.agent_load jahiz-agent.jar}. The app's logging is loaded, configured and in use
 * by then, so what the agent weaves must be woven again in place, and Log4j's configuration, set
 * before the agent came, must get the agent's appender at once.
 */
class AttachAgentIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private final FakeBotApi api = new FakeBotApi();
  private Process app;

  @AfterEach
  void close() {
    if (app != null) {
      app.destroyForcibly();
    }
    api.close();
  }

  /** Logback and Log4j, on the JDK running the tests and on every other one under /usr/lib/jvm. */
  static Stream<Arguments> jdksAndLogging() throws IOException {
    List<String> jdks = new ArrayList<>();
    jdks.add(System.getProperty("java.home"));
    jdks.addAll(OtherJdksAgentIT.otherJdkHomes());
    // jcmd comes with a JDK, not with a runtime alone.
    return jdks.stream().filter(jdk -> Files.isExecutable(Path.of(jdk, "bin", "jcmd"))).flatMap(jdk -> Stream.of(Arguments.of(jdk, "logback-newest"), Arguments.of(jdk, "log4j-newest")));
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("jdksAndLogging")
  void anErrorLoggedAfterAttachingArrivesOnceAndNothingFromBefore(String javaHome, String libs) throws Exception {
    File out = File.createTempFile("app", ".out");
    File err = File.createTempFile("app", ".err");
    out.deleteOnExit();
    err.deleteOnExit();
    app = AppRun.app(libs, LongRunningApp.class.getName()).java(javaHome).telegram(api).withoutAgent()
        .start(out, err);
    OutputStream commands = app.getOutputStream();
    await().atMost(PATIENCE).until(() -> read(out).contains("ready\n"));
    command(commands, out, "error stock sync failed before the agent came");

    String attach = attach(javaHome, app.pid());
    assertThat(attach).contains("return code: 0");
    // An operator who attaches again, not sure it took: still one agent.
    attach(javaHome, app.pid());
    command(commands, out, "error payment failed for order 42");

    // Delivered while the app runs, not only when it exits.
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(api.texts()).hasSize(1));
    command(commands, out, "exit");
    assertThat(app.waitFor(60, TimeUnit.SECONDS)).as(read(err)).isTrue();
    assertThat(app.exitValue()).as(read(err)).isZero();
    assertThat(api.texts()).singleElement().satisfies(t -> assertThat(t).contains("payment failed for order 42")
        .contains("IllegalStateException").contains("inventory service unreachable"));
    // The app's own logging went on as before.
    assertThat(read(out)).contains("ERROR com.example.orders.Service - stock sync failed before the agent came")
        .contains("ERROR com.example.orders.Service - payment failed for order 42");
    // One line from Jahiz, on the second attach; Java 21+ itself warns that an agent was loaded into a running JVM.
    assertThat(read(err).lines().filter(line -> !line.startsWith("WARNING: "))).singleElement().asString()
        .startsWith("jahiz-agent: already running in this JVM");
  }

  /** Sends one command to the app and waits until it says the command was carried out. */
  private static void command(OutputStream commands, File out, String command) throws IOException {
    commands.write((command + "\n").getBytes(StandardCharsets.UTF_8));
    commands.flush();
    if (!command.equals("exit")) {
      await().atMost(PATIENCE).until(() -> read(out).contains("done " + command + "\n"));
    }
  }

  /** {@code jcmd <pid> JVMTI.agent_load <agent jar>}, from the JDK running the app; returns jcmd's output. */
  private static String attach(String javaHome, long pid) throws Exception {
    Path jcmd = Path.of(javaHome, "bin", "jcmd");
    Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "JVMTI.agent_load",
        Path.of(AppRun.AGENT).toAbsolutePath().toString()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    return output;
  }

  private static String read(File f) throws IOException {
    return Files.readString(f.toPath(), StandardCharsets.UTF_8);
  }
}
