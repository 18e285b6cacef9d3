package dev.jahiz.receiver.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jahiz.receiver.Receiver;
import dev.jahiz.receiver.config.ReceiverConfig;
import dev.jahiz.testing.FakeBotApi;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The real receiver on a random port over a SQLite file in a test directory, talked to over real
 * HTTP. Defaults suit the tests: a webhook secret, no group window, fast retries, Telegram at a
 * given Bot API URL with {@link FakeBotApi#TOKEN}; any setting can be overridden or removed.
 */
public final class RunningReceiver implements AutoCloseable {
  public static final String SECRET = "test-webhook-secret-7d41c0ffee";
  public static final String CHAT_ID = "4242";
  /** The bearer token of the read API ({@code JAHIZ_READ_TOKEN}). */
  public static final String READ_TOKEN = "test-read-token-5b0c1d2e3f4a";
  private static final OkHttpClient BASE = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(5))
      .readTimeout(Duration.ofSeconds(30)).retryOnConnectionFailure(false).build();
  /** Quiet console for console-mode receivers whose output no test reads. */
  public static final PrintStream NO_CONSOLE = new PrintStream(OutputStream.nullOutputStream());

  private final Receiver receiver;
  private final Clock clock;
  private final String secret;
  /** Own pool, emptied before stopping so Jetty's graceful stop need not wait for idle keep-alives. */
  private final OkHttpClient http = BASE.newBuilder().connectionPool(new ConnectionPool(2, 10, TimeUnit.SECONDS)).build();

  private RunningReceiver(Receiver receiver, Clock clock, String secret) {
    this.receiver = receiver;
    this.clock = clock;
    this.secret = secret;
  }

  /** Settings for a receiver whose database lives in {@code dir}. */
  public static Builder in(Path dir) {
    return new Builder(dir);
  }

  /** Settings for a receiver whose database, of the given kind, belongs to {@code dir}. */
  public static Builder in(Path dir, TestStore store) {
    Builder b = new Builder(dir);
    store.settings(dir).forEach(b::set);
    return b;
  }

  public Receiver receiver() {
    return receiver;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + receiver.port() + path;
  }

  /** A POST with the read token, as the triage API takes it. */
  public Reply postWithReadToken(String path) {
    return send(new Request.Builder().url(url(path)).header("Authorization", "Bearer " + READ_TOKEN)
        .post(RequestBody.create(new byte[0])));
  }

  /** A read with the bearer token the read API asks for. */
  public Reply get(String path) {
    return send(new Request.Builder().url(url(path)).header("Authorization", "Bearer " + READ_TOKEN));
  }

  /** A read without any credentials. */
  public Reply getAnonymous(String path) {
    return send(new Request.Builder().url(url(path)));
  }

  public Reply get(String path, Map<String, String> headers) {
    Request.Builder b = new Request.Builder().url(url(path));
    headers.forEach(b::header);
    return send(b);
  }

  /** A JSON body with exactly these headers (plus Content-Type application/json). */
  public Reply postJson(String path, byte[] body, Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.putIfAbsent("Content-Type", "application/json");
    return post(path, body, all);
  }

  /** A body with exactly these headers, nothing added. */
  public Reply post(String path, byte[] body, Map<String, String> headers) {
    // No media type on the body: the Content-Type header, if any, is exactly the one given.
    Request.Builder b = new Request.Builder().url(url(path)).post(RequestBody.create(body));
    headers.forEach(b::header);
    return send(b);
  }

  /** A JSON body signed the strongest way (timestamped HMAC at the receiver's current time). */
  public Reply postSigned(String path, byte[] body) {
    return postJson(path, body, Signed.timestamped(secret, body, clock.instant()));
  }

  public Reply postSigned(String path, String body) {
    return postSigned(path, body.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code GET /errors} with the given query, as JSON. */
  public JsonNode errors(String query) {
    Reply r = get("/errors" + (query.isEmpty() ? "" : "?" + query));
    if (r.status() != 200) {
      throw new AssertionError("GET /errors?" + query + " answered " + r);
    }
    return r.json();
  }

  /** How many reports are stored. */
  public long storedCount() {
    return errors("limit=1").path("total").asLong();
  }

  /** Undelivered reports as {@code GET /health} tells. */
  public long backlog() {
    return getAnonymous("/health").json().path("backlog").path("pending").asLong();
  }

  public Reply send(Request.Builder request) {
    return send(http, request.build());
  }

  public static Reply send(OkHttpClient client, Request request) {
    try (Response r = client.newCall(request).execute()) {
      return new Reply(r.code(), r.headers(), new String(r.body().bytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The client the helpers use, for requests they do not cover. */
  public OkHttpClient http() {
    return http;
  }

  @Override
  public void close() {
    http.connectionPool().evictAll();
    receiver.close();
  }

  public static final class Builder {
    private final Map<String, String> env = new HashMap<>();
    private Clock clock = Clock.systemUTC();
    private PrintStream console = NO_CONSOLE;

    private Builder(Path dir) {
      env.put("WEBHOOK_SECRET", SECRET);
      env.put("JAHIZ_READ_TOKEN", READ_TOKEN);
      env.put("JAHIZ_PORT", "0");
      env.put("JAHIZ_HOST", "127.0.0.1");
      env.put("JAHIZ_DB_PATH", dir.resolve("jahiz.db").toString());
      env.put("JAHIZ_DB_SYNCHRONOUS", "NORMAL");
      env.put("JAHIZ_GROUP_WINDOW_SECONDS", "0");
      env.put("JAHIZ_RETRY_BASE_MILLIS", "50");
      env.put("JAHIZ_RETRY_MAX_SECONDS", "1");
      env.put("JAHIZ_AUTH_FAILURES_PER_MINUTE", "1000");
      // Button presses are polled for only where a test is about them: the poll is traffic the others do not expect.
      env.put("JAHIZ_TELEGRAM_UPDATES", "off");
    }

    /** Deliver to a Bot API at this base URL, as the fake's bot. */
    public Builder botApi(String url) {
      env.put("JAHIZ_TELEGRAM_API_URL", url);
      env.put("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN);
      env.put("TELEGRAM_CHAT_ID", CHAT_ID);
      return this;
    }

    public Builder set(String name, String value) {
      env.put(name, value);
      return this;
    }

    /** Several settings at once, as alternating names and values. */
    public Builder settings(String... namesAndValues) {
      for (int i = 0; i < namesAndValues.length; i += 2) {
        set(namesAndValues[i], namesAndValues[i + 1]);
      }
      return this;
    }

    public Builder unset(String name) {
      env.remove(name);
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder console(PrintStream console) {
      this.console = console;
      return this;
    }

    public Map<String, String> settings() {
      return Map.copyOf(env);
    }

    public RunningReceiver start() {
      ReceiverConfig config = ReceiverConfig.from(env);
      return new RunningReceiver(Receiver.start(config, clock, console), clock, env.getOrDefault("WEBHOOK_SECRET", ""));
    }
  }

  /** The receiver's time, for signing. */
  public Instant now() {
    return clock.instant();
  }
}
