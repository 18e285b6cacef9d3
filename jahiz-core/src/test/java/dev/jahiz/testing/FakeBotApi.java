package dev.jahiz.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * A Telegram Bot API on MockWebServer: answers {@code sendMessage}, {@code sendDocument} and
 * {@code getMe} like Telegram does, keeps what it accepted, and can be told to fail, limit or hang.
 * For bots that take button presses it also serves {@code getUpdates} (long polling over updates
 * queued with {@link #queueUpdate}, confirmed by {@code offset}), {@code getChatMember} (members
 * named with {@link #member}) and records {@code answerCallbackQuery}, {@code editMessageText},
 * {@code editMessageReplyMarkup} (answered with the edited message and its text), {@code setWebhook}
 * and {@code deleteWebhook} calls.
 */
public final class FakeBotApi implements AutoCloseable {
  public static final String TOKEN = "123456789:AAH-secret_token_value";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MockWebServer server = new MockWebServer();
  private final ConcurrentLinkedQueue<MockResponse> scripted = new ConcurrentLinkedQueue<>();
  private final List<JsonNode> messages = new CopyOnWriteArrayList<>();
  private final List<String> documents = new CopyOnWriteArrayList<>();
  private final List<String> paths = new CopyOnWriteArrayList<>();
  private final AtomicInteger calls = new AtomicInteger();
  private final java.util.concurrent.LinkedBlockingDeque<JsonNode> updates = new java.util.concurrent.LinkedBlockingDeque<>();
  private final java.util.Map<Long, String> members = new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.Map<String, List<JsonNode>> methodCalls = new java.util.concurrent.ConcurrentHashMap<>();
  private static final java.util.Set<String> RECORDED = java.util.Set.of("answerCallbackQuery", "editMessageText",
      "editMessageReplyMarkup", "setWebhook", "deleteWebhook", "getChatMember", "getUpdates");
  private final java.util.Map<Long, String> editedTexts = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile boolean hanging;
  private volatile int rateLimitAll;

  public FakeBotApi() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return answer(request);
      }
    });
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private MockResponse answer(RecordedRequest request) {
    calls.incrementAndGet();
    String path = request.getUrl().encodedPath();
    paths.add(path);
    if (hanging) {
      return new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
    }
    if (rateLimitAll > 0) {
      return tooManyRequests(rateLimitAll);
    }
    MockResponse next = scripted.poll();
    if (next != null) {
      return next;
    }
    if (!path.startsWith("/bot" + TOKEN + "/")) {
      return json(404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
    }
    if (path.endsWith("/getMe")) {
      return json(200, "{\"ok\":true,\"result\":{\"id\":123456789,\"is_bot\":true,\"username\":\"jahiz_test_bot\"}}");
    }
    String method = path.substring(path.lastIndexOf('/') + 1);
    if (RECORDED.contains(method)) {
      JsonNode parameters;
      try {
        parameters = request.getBody() == null || request.getBody().size() == 0 ? JSON.createObjectNode()
            : JSON.readTree(request.getBody().utf8());
      } catch (IOException e) {
        return json(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: invalid JSON\"}");
      }
      methodCalls.computeIfAbsent(method, m -> new CopyOnWriteArrayList<>()).add(parameters);
      return answerMethod(method, parameters);
    }
    if (path.endsWith("/sendDocument")) {
      documents.add(request.getBody() == null ? "" : request.getBody().utf8());
      return json(200, "{\"ok\":true,\"result\":{\"message_id\":2}}");
    }
    try {
      messages.add(JSON.readTree(request.getBody().utf8()));
    } catch (IOException e) {
      return json(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: invalid JSON\"}");
    }
    return json(200, "{\"ok\":true,\"result\":{\"message_id\":" + messages.size() + "}}");
  }

  private MockResponse answerMethod(String method, JsonNode parameters) {
    switch (method) {
      case "getUpdates":
        return json(200, "{\"ok\":true,\"result\":" + pendingUpdates(parameters) + "}");
      case "getChatMember":
        String status = members.getOrDefault(parameters.path("user_id").asLong(), "left");
        return json(200, "{\"ok\":true,\"result\":{\"status\":\"" + status + "\",\"user\":{\"id\":"
            + parameters.path("user_id").asLong() + ",\"is_bot\":false,\"first_name\":\"someone\"}}}");
      case "editMessageText":
      case "editMessageReplyMarkup":
        return json(200, "{\"ok\":true,\"result\":" + edited(method, parameters) + "}");
      default:
        return json(200, "{\"ok\":true,\"result\":true}");
    }
  }

  /**
   * The edited message as Telegram answers it: its id, chat, text as shown (the HTML it was sent with
   * parsed away, or as last edited; no entities) and keyboard. Only messages this fake took have a text.
   */
  private String edited(String method, JsonNode parameters) {
    long id = parameters.path("message_id").asLong();
    if (method.equals("editMessageText")) {
      editedTexts.put(id, parameters.path("text").asText());
    }
    com.fasterxml.jackson.databind.node.ObjectNode message = JSON.createObjectNode().put("message_id", id)
        .put("date", 1_700_000_000);
    message.putObject("chat").put("id", parameters.path("chat_id").asText());
    String text = editedTexts.get(id);
    if (text == null && id >= 1 && id <= messages.size()) {
      JsonNode sent = messages.get((int) id - 1);
      text = sent.path("parse_mode").asText().equals("HTML") ? BotApiHtml.visible(sent.path("text").asText())
          : sent.path("text").asText();
    }
    if (text != null) {
      message.put("text", text);
    }
    if (parameters.has("reply_markup")) {
      message.set("reply_markup", parameters.get("reply_markup"));
    }
    return message.toString();
  }

  /** Updates from {@code offset} on, as Telegram serves them; waits a little for one, as a long poll does. */
  private String pendingUpdates(JsonNode parameters) {
    long offset = parameters.path("offset").asLong(0);
    updates.removeIf(u -> u.path("update_id").asLong() < offset);
    if (updates.isEmpty()) {
      try {
        JsonNode next = updates.poll(Math.min(500, parameters.path("timeout").asLong(0) * 1000),
            java.util.concurrent.TimeUnit.MILLISECONDS);
        if (next != null) {
          updates.addFirst(next);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return updates.toString();
  }

  /** Serves this update (JSON of a Telegram {@code Update}) to the next {@code getUpdates}. */
  public void queueUpdate(String update) {
    try {
      updates.add(JSON.readTree(update));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code getChatMember} answers this status ({@code member}, {@code administrator}, {@code left}, ...) for the user. */
  public void member(long userId, String status) {
    members.put(userId, status);
  }

  /** Parameters of every call of a recorded method, in order. */
  public List<JsonNode> calls(String method) {
    return new ArrayList<>(methodCalls.getOrDefault(method, List.of()));
  }

  public static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
  }

  public static MockResponse tooManyRequests(int retryAfter) {
    return json(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after "
        + retryAfter + "\",\"parameters\":{\"retry_after\":" + retryAfter + "}}");
  }

  /** The next calls get these answers, in order, before normal service resumes. */
  public FakeBotApi thenAnswer(MockResponse... responses) {
    scripted.addAll(List.of(responses));
    return this;
  }

  /** Accepts connections and requests but never answers. */
  public void hang() {
    hanging = true;
  }

  /** Answers every call with 429 and this retry_after, as Telegram does to a flooding bot. */
  public void rateLimitEverything(int retryAfter) {
    rateLimitAll = retryAfter;
  }

  /** Back to answering like Telegram after {@link #hang()} or {@link #rateLimitEverything}. */
  public void serveNormally() {
    hanging = false;
    rateLimitAll = 0;
  }

  public String url() {
    return server.url("/").toString();
  }

  /** Bodies of the sendMessage calls that succeeded. */
  public List<JsonNode> messages() {
    return new ArrayList<>(messages);
  }

  public List<String> texts() {
    List<String> out = new ArrayList<>();
    for (JsonNode m : messages) {
      out.add(m.path("text").asText());
    }
    return out;
  }

  public List<String> documents() {
    return new ArrayList<>(documents);
  }

  public List<String> paths() {
    return new ArrayList<>(paths);
  }

  public int calls() {
    return calls.get();
  }

  @Override
  public void close() {
    server.close();
  }
}
