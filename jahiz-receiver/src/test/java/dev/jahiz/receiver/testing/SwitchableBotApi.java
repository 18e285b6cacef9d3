package dev.jahiz.receiver.testing;

import dev.jahiz.testing.FakeBotApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.ByteString;

/**
 * A {@link FakeBotApi} behind a switch: while {@link #down()} every call gets a 500 (an outage);
 * after {@link #up()} calls reach the fake, which records and validates them as usual.
 */
public final class SwitchableBotApi implements AutoCloseable {
  private final FakeBotApi bot = new FakeBotApi();
  private final MockWebServer front = new MockWebServer();
  private final OkHttpClient http = new OkHttpClient();
  private final AtomicInteger failedCalls = new AtomicInteger();
  private volatile boolean down;
  private volatile boolean hanging;
  private final AtomicReference<Runnable> beforeNextCall =
      new AtomicReference<>();
  private final AtomicBoolean stallNextAnswer = new AtomicBoolean();
  private final AtomicInteger stalledAnswers = new AtomicInteger();
  private final List<Long> forwardedAt = new CopyOnWriteArrayList<>();

  public SwitchableBotApi() {
    front.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return forward(request);
      }
    });
    try {
      front.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private MockResponse forward(RecordedRequest request) {
    Runnable before = beforeNextCall.getAndSet(null);
    if (before != null) {
      before.run();
    }
    if (hanging) {
      failedCalls.incrementAndGet();
      return new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
    }
    if (down) {
      failedCalls.incrementAndGet();
      return FakeBotApi.json(500, "{\"ok\":false,\"error_code\":500,\"description\":\"Internal Server Error\"}");
    }
    String target = bot.url() + request.getTarget().substring(1);
    String type = request.getHeaders().get("Content-Type");
    ByteString body = request.getBody();
    RequestBody requestBody = "POST".equals(request.getMethod())
        ? RequestBody.create(body == null ? ByteString.EMPTY : body, type == null ? null : MediaType.get(type))
        : null;
    forwardedAt.add(System.nanoTime());
    try (Response r = http.newCall(new Request.Builder().url(target).method(request.getMethod(), requestBody).build())
        .execute()) {
      if (stallNextAnswer.getAndSet(false)) {
        stalledAnswers.incrementAndGet();
        return new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
      }
      return FakeBotApi.json(r.code(), r.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The next call reaches the Bot API (its message is sent) but its answer never comes back: the
   * sender cannot know the message went out.
   */
  public void stallNextAnswer() {
    stallNextAnswer.set(true);
  }

  /** Calls whose message was sent but whose answer was withheld by {@link #stallNextAnswer()}. */
  public int stalledAnswers() {
    return stalledAnswers.get();
  }

  /** System.nanoTime() of each call that reached the Bot API, in order. */
  public List<Long> forwardedAt() {
    return List.copyOf(forwardedAt);
  }

  /** Runs {@code action} when the next call arrives, before it is answered: a fault in the middle of a send. */
  public void beforeNextCall(Runnable action) {
    beforeNextCall.set(action);
  }

  public void down() {
    down = true;
  }

  /** Accepts every call and never answers, until {@link #up()}. */
  public void hang() {
    hanging = true;
  }

  public void up() {
    down = false;
    hanging = false;
  }

  /** Calls answered with a 500 while down, or left unanswered while hanging. */
  public int failedCalls() {
    return failedCalls.get();
  }

  /** What the Bot API accepted while up. */
  public FakeBotApi bot() {
    return bot;
  }

  public String url() {
    return front.url("/").toString();
  }

  @Override
  public void close() {
    front.close();
    bot.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
