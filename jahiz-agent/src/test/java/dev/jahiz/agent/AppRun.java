package dev.jahiz.agent;

import dev.jahiz.testing.FakeBotApi;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a test app in a JVM of its own, on exactly the jars of one logging version and its own
 * classes (no Jahiz among them), with or without {@code -javaagent:jahiz-agent.jar}.
 */
final class AppRun {
  static final String AGENT = System.getProperty("agent.jar");
  static final List<String> JAHIZ_ENVIRONMENT = List.of("TELEGRAM_BOT_TOKEN", "TELEGRAM_CHAT_ID",
      "JAHIZ_TELEGRAM_API_URL", "JAHIZ_RECEIVER_URL", "WEBHOOK_SECRET");

  private final List<String> command = new ArrayList<>();
  private final Map<String, String> env = new HashMap<>();
  private String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  private boolean agent = true;

  /** The app's class path: its own classes and one directory of logging jars under it-libs. */
  static AppRun app(String libs, String mainClass) {
    AppRun run = new AppRun();
    run.command.add("-cp");
    run.command.add(System.getProperty("it.classes") + File.pathSeparator
        + Path.of(System.getProperty("it.libs"), libs) + File.separator + "*");
    run.command.add(mainClass);
    return run;
  }

  /** An executable jar, as {@code java -jar}. */
  static AppRun jar(String jar, String... args) {
    AppRun run = new AppRun();
    run.command.add("-jar");
    run.command.add(jar);
    run.command.addAll(List.of(args));
    return run;
  }

  AppRun telegram(FakeBotApi api) {
    env.put("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN);
    env.put("TELEGRAM_CHAT_ID", "4242");
    env.put("JAHIZ_TELEGRAM_API_URL", api.url());
    // Telegram takes one message a second per chat: the default 5 s would not fit five messages on a busy CI machine.
    env.put("JAHIZ_CLOSE_TIMEOUT", "30s");
    return this;
  }

  AppRun env(String name, String value) {
    env.put(name, value);
    return this;
  }

  AppRun jvm(String... options) {
    command.addAll(0, List.of(options));
    return this;
  }

  AppRun withoutAgent() {
    agent = false;
    return this;
  }

  AppRun java(String javaHome) {
    java = Path.of(javaHome, "bin", "java").toString();
    return this;
  }

  Process start(File out, File err) throws IOException {
    List<String> full = new ArrayList<>();
    full.add(java);
    if (agent) {
      full.add("-javaagent:" + AGENT);
    }
    full.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(full).redirectOutput(out).redirectError(err);
    // Nothing from the developer's shell: only what the test sets.
    builder.environment().keySet().removeIf(k -> k.startsWith("JAHIZ_") || JAHIZ_ENVIRONMENT.contains(k));
    builder.environment().putAll(env);
    return builder.start();
  }

  /** Runs the app to its end (two minutes at most). */
  Result run(String... args) throws IOException, InterruptedException {
    command.addAll(List.of(args));
    File out = File.createTempFile("app", ".out");
    File err = File.createTempFile("app", ".err");
    out.deleteOnExit();
    err.deleteOnExit();
    Process p = start(out, err);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the app did not exit within 2 minutes:\n" + Files.readString(err.toPath()));
    }
    return new Result(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
        Files.readString(err.toPath(), StandardCharsets.UTF_8));
  }

  static final class Result {
    final int exit;
    final String out;
    final String err;

    Result(int exit, String out, String err) {
      this.exit = exit;
      this.out = out;
      this.err = err;
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }
}
