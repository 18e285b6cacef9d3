package dev.jahiz.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A sample's runnable jar, started the way the README says ({@code java -jar}, Telegram settings
 * from the environment) against its own {@link FakeBotApi}. The jar's path comes from the
 * {@code sample.jar} system property that the sample's failsafe configuration sets. Register it
 * with {@code @RegisterExtension}: after each test it stops what it started.
 */
public final class SampleJar implements AfterEachCallback {
  private final FakeBotApi api = new FakeBotApi();
  private final List<Process> started = new ArrayList<>();
  private final List<String> unset = new ArrayList<>();
  /** The samples' java.io.tmpdir, and so where their spools are: shared by the runs of one test only. */
  private final Path tmpdir;
  private File output;

  public SampleJar() {
    try {
      tmpdir = Files.createTempDirectory("sample-tmpdir");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Every Jahiz variable, for {@link #unsetting}: a machine where nobody configured Jahiz, such as a
   * developer's laptop or a CI job.
   */
  public static final List<String> JAHIZ_ENVIRONMENT = List.of("TELEGRAM_BOT_TOKEN", "TELEGRAM_CHAT_ID",
      "JAHIZ_TELEGRAM_API_URL", "JAHIZ_RECEIVER_URL", "WEBHOOK_SECRET");

  /** Leaves these variables out of the environment of the jars started from now on. */
  public SampleJar unsetting(List<String> variables) {
    unset.addAll(variables);
    return this;
  }

  public FakeBotApi api() {
    return api;
  }

  /** Starts the jar; {@code environment} adds to or overrides the Telegram settings. */
  public Process start(Map<String, String> environment, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(java(), "-Djava.io.tmpdir=" + tmpdir, "-jar",
        System.getProperty("sample.jar")));
    command.addAll(List.of(args));
    return launch(command, environment);
  }

  /**
   * Starts the sample's main class on a class path of its own, for what a jar cannot show: the
   * same app with one library swapped for the version an unchanged build would have brought.
   */
  public Process startMain(List<Path> classPath, String mainClass, Map<String, String> environment)
      throws IOException {
    String joined = classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    return launch(List.of(java(), "-Djava.io.tmpdir=" + tmpdir, "-cp", joined, mainClass), environment);
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private Process launch(List<String> command, Map<String, String> environment) throws IOException {
    output = File.createTempFile("sample", ".log");
    output.deleteOnExit();
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output);
    Map<String, String> env = builder.environment();
    // The developer's own shell must not send the test's reports elsewhere.
    env.remove("JAHIZ_RECEIVER_URL");
    env.remove("WEBHOOK_SECRET");
    env.put("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN);
    env.put("TELEGRAM_CHAT_ID", "4242");
    env.put("JAHIZ_TELEGRAM_API_URL", api.url());
    env.putAll(environment);
    unset.forEach(env::remove);
    Process process = builder.start();
    started.add(process);
    return process;
  }

  public Process start(String... args) throws IOException {
    return start(Map.of(), args);
  }

  /** Runs the jar to its end and fails unless it exits 0 within two minutes. */
  public void run(Map<String, String> environment, String... args) throws IOException, InterruptedException {
    awaitExit(start(environment, args));
  }

  public void run(String... args) throws IOException, InterruptedException {
    run(Map.of(), args);
  }

  /** The reports the samples' spools hold on disk now: what a run left for the next one. */
  public long spooledReports() throws IOException {
    Path spools = tmpdir.resolve("jahiz-spool");
    if (!Files.isDirectory(spools)) {
      return 0;
    }
    try (java.util.stream.Stream<Path> files = Files.walk(spools)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".report")).count();
    }
  }

  /** Waits for a started sample to exit 0 within two minutes. */
  public void awaitExit(Process process) throws IOException, InterruptedException {
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the sample did not exit within 2 minutes:\n" + output());
    }
    if (process.exitValue() != 0) {
      throw new AssertionError("the sample exited with " + process.exitValue() + ":\n" + output());
    }
  }

  /**
   * Runs the jar to its end on a machine where nobody configured Jahiz: it must exit 0, say that
   * the appender is not started for want of a destination, and send nothing.
   */
  public void runWithoutJahizEnvironment(String... args) throws IOException, InterruptedException {
    unsetting(JAHIZ_ENVIRONMENT);
    run(args);
    String said = output();
    if (!said.contains("not started") || !said.contains("no destination")) {
      throw new AssertionError("the sample did not say that Jahiz is not configured:\n" + said);
    }
    if (api.calls() != 0) {
      throw new AssertionError("the sample called the Bot API " + api.calls() + " times without a token");
    }
  }

  /** Stops what was started as a service manager does (SIGTERM), each within 30 seconds. */
  public void stopAll() throws IOException, InterruptedException {
    for (Process process : started) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new AssertionError("the sample did not stop within 30 seconds:\n" + output());
      }
    }
  }

  /** What the last started sample printed so far. */
  public String output() throws IOException {
    return output == null ? "" : Files.readString(output.toPath(), StandardCharsets.UTF_8);
  }

  /**
   * The visible text of every message the fake Bot API accepted, after checking that each one is
   * valid Bot API HTML.
   */
  public List<String> visibleMessages() {
    return api.texts().stream().map(html -> {
      List<String> problems = BotApiHtml.problems(html);
      if (!problems.isEmpty()) {
        throw new AssertionError("invalid Bot API HTML " + problems + ":\n" + html);
      }
      return BotApiHtml.visible(html);
    }).collect(Collectors.toList());
  }

  /**
   * After a storm run: each distinct failure arrived, in at most three messages (the first, then
   * "Repeated" digests), and the figures are printed for the closing note.
   */
  public void assertStormGrouped(String sampleName, String... failureTypes) {
    List<String> visible = visibleMessages();
    StringBuilder figures = new StringBuilder(sampleName + " storm: " + visible.size() + " messages;");
    for (String failure : failureTypes) {
      long messages = visible.stream().filter(v -> v.contains(failure)).count();
      figures.append(' ').append(failure).append('=').append(messages);
      if (messages < 1 || messages > 3) {
        throw new AssertionError(failure + " arrived in " + messages + " messages, expected 1 to 3:\n" + visible);
      }
    }
    if (visible.stream().noneMatch(v -> v.contains("Repeated"))) {
      throw new AssertionError("no message reports the repeats:\n" + visible);
    }
    System.out.println(figures);
  }

  @Override
  public void afterEach(ExtensionContext context) throws InterruptedException {
    for (Process process : started) {
      if (process.isAlive()) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
    api.close();
    try (java.util.stream.Stream<Path> files = Files.walk(tmpdir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary folder left behind
    }
  }
}
