package dev.jahiz.receiver.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jahiz.receiver.ReceiverMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * The receiver in a JVM of its own ({@code java ... ReceiverMain}, configured by its environment as
 * in production), so a test can kill it with SIGKILL. Its output goes to a log file in the test
 * directory.
 */
public final class ReceiverProcess implements AutoCloseable {
  private static final OkHttpClient HTTP = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(30)).build();

  private final Process process;
  private final int port;
  private final Path log;

  private ReceiverProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts a receiver with these settings (its port chosen here) and waits until it is ready. */
  public static ReceiverProcess start(Path dir, String name, Map<String, String> settings) {
    int port = freePort();
    Path log = dir.resolve(name + ".log");
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), ReceiverMain.class.getName())
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(settings);
    pb.environment().put("JAHIZ_PORT", String.valueOf(port));
    pb.environment().put("JAHIZ_HOST", "127.0.0.1");
    ReceiverProcess receiver;
    try {
      receiver = new ReceiverProcess(pb.start(), port, log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    await().atMost(Duration.ofSeconds(90)).until(() -> {
      if (!receiver.process.isAlive()) {
        throw new AssertionError(name + " exited: " + receiver.logText());
      }
      return receiver.readyStatus() == 200;
    });
    return receiver;
  }

  private int readyStatus() {
    try {
      return send(new Request.Builder().url(url("/health/ready"))).status();
    } catch (UncheckedIOException e) {
      return -1; // not listening yet
    }
  }

  public long pid() {
    return process.pid();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** A JSON body signed the strongest way, at the current time. */
  public Reply postSigned(String path, byte[] body) {
    Request.Builder b = new Request.Builder().url(url(path)).post(RequestBody.create(body));
    Signed.timestamped(RunningReceiver.SECRET, body, Instant.now()).forEach(b::header);
    b.header("Content-Type", "application/json");
    return send(b);
  }

  /** A read with the bearer token the read API asks for, as JSON. */
  public JsonNode read(String path) {
    Reply r = send(new Request.Builder().url(url(path)).header("Authorization", "Bearer " + RunningReceiver.READ_TOKEN));
    if (r.status() != 200) {
      throw new AssertionError("GET " + path + " answered " + r);
    }
    return r.json();
  }

  private static Reply send(Request.Builder request) {
    return RunningReceiver.send(HTTP, request.build());
  }

  /** SIGKILL: no shutdown hook, no graceful stop, whatever was in flight stays unfinished. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public String logText() {
    try {
      return java.nio.file.Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    kill();
  }
}
