package dev.jahiz.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jahiz.StatusListener;
import dev.jahiz.delivery.DeliveryOutcome;
import dev.jahiz.delivery.HttpClients;
import dev.jahiz.delivery.MessageButton;
import dev.jahiz.delivery.MessageOptions;
import dev.jahiz.delivery.Pacing;
import dev.jahiz.delivery.Transport;
import dev.jahiz.report.ErrorReport;
import dev.jahiz.report.Severity;
import java.io.IOException;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Sends reports straight to a chat through the Telegram Bot API ({@code sendMessage} in HTML
 * mode). It classifies every answer for the pipeline, which owns pacing and retries:
 *
 * <ul>
 *   <li>429 → {@link DeliveryOutcome.Kind#RATE_LIMITED} with Telegram's {@code retry_after};
 *   <li>5xx, I/O errors, timeouts → retryable;
 *   <li>400 "can't parse entities" → the same report is resent at once as plain text;
 *   <li>400 with {@code migrate_to_chat_id} → the chat moved to a supergroup: follow it and resend;
 *   <li>any other 4xx → rejected, with Telegram's description.
 * </ul>
 *
 * <p>The bot token is part of every request URL, so no URL, request or OkHttp exception message is
 * ever passed on: reasons are built here from status codes and Telegram's descriptions, with the
 * token masked out as a last line of defence.
 */
public final class TelegramTransport implements Transport {
  public static final String DEFAULT_API_URL = "https://api.telegram.org";
  /**
   * Chat moves followed while sending one message. A group becomes a supergroup once; a chain of
   * moves is a misbehaving server or relay, and following it without end would never return.
   */
  static final int MAX_MIGRATIONS = 2;

  private final String token;
  private final HttpUrl apiUrl;
  private volatile String chatId;
  private final Long messageThreadId;
  private final Severity silentBelow;
  private final boolean sendFullTraceAsDocument;
  private final TelegramRenderer renderer;
  private final StatusListener status;
  private final OkHttpClient http;

  private TelegramTransport(Builder b) {
    this.token = b.botToken;
    this.apiUrl = b.apiUrl;
    this.chatId = b.chatId;
    this.messageThreadId = b.messageThreadId;
    this.silentBelow = b.silentBelow;
    this.sendFullTraceAsDocument = b.sendFullTraceAsDocument;
    this.renderer = b.renderer;
    this.status = b.status;
    this.http = HttpClients.create(b.connectTimeout, b.readTimeout, b.proxy);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public DeliveryOutcome deliver(ErrorReport report) {
    return deliver(report, MessageOptions.none());
  }

  /** Sent with {@code reply_parameters}; when the message replied to is gone, Telegram sends it on its own. */
  @Override
  public DeliveryOutcome deliverReply(ErrorReport report, long replyToMessageId) {
    return deliver(report, MessageOptions.builder().replyTo(replyToMessageId).build());
  }

  /**
   * The note leads the message, the buttons are its inline keyboard. When Telegram refuses a button
   * (a link to a host it does not accept, such as localhost), the message is sent again without them.
   */
  @Override
  public DeliveryOutcome deliver(ErrorReport report, MessageOptions options) {
    TelegramMessage message = renderer.render(report, options.note());
    boolean silent = silentBelow != null && report.severity().ordinal() > silentBelow.ordinal();
    DeliveryOutcome outcome = sendMessage(message, silent, true, 0, options);
    if (outcome.isDelivered() && sendFullTraceAsDocument && message.traceTrimmed()) {
      sendDocument(report, message.fullTrace());
    }
    return outcome;
  }

  private DeliveryOutcome sendMessage(TelegramMessage message, boolean silent, boolean html, int migrations,
      MessageOptions options) {
    Long replyTo = options.replyTo();
    ObjectNode body = Wire.MAPPER.createObjectNode();
    body.put("chat_id", chatId);
    if (messageThreadId != null) {
      body.put("message_thread_id", messageThreadId);
    }
    body.put("text", html ? message.html() : message.plainText());
    if (html) {
      body.put("parse_mode", "HTML");
    }
    body.putObject("link_preview_options").put("is_disabled", true);
    if (silent) {
      body.put("disable_notification", true);
    }
    if (replyTo != null) {
      body.putObject("reply_parameters").put("message_id", replyTo).put("allow_sending_without_reply", true);
    }
    if (!options.buttons().isEmpty()) {
      body.set("reply_markup", inlineKeyboard(options.buttons()));
    }
    Answer answer = call("sendMessage", RequestBody.create(body.toString(), Wire.JSON));
    if (answer.ok) {
      JsonNode id = answer.result == null ? null : answer.result.path("message_id");
      return id != null && id.canConvertToLong() ? DeliveryOutcome.delivered(id.asLong()) : DeliveryOutcome.delivered();
    }
    if (answer.migrateTo != null && migrations >= MAX_MIGRATIONS) {
      return DeliveryOutcome.rejected("Telegram chat " + chatId + " moved again, to " + answer.migrateTo
          + ", after " + migrations + " moves while sending one message; not followed further");
    }
    if (answer.migrateTo != null) {
      status.onStatus(StatusListener.Level.WARN, "Telegram chat " + chatId + " was upgraded to supergroup "
          + answer.migrateTo + "; sending there from now on. Update the configured chat id.", null);
      chatId = answer.migrateTo;
      // A reply cannot follow the chat to its new id: the message replied to stayed behind.
      return sendMessage(message, silent, html, migrations + 1, options.toBuilder().replyTo(null).build());
    }
    if (html && answer.code == 400 && answer.description.toLowerCase(Locale.ROOT).contains("can't parse entities")) {
      status.onStatus(StatusListener.Level.WARN,
          "Telegram could not parse the HTML of a report (" + answer.description + "); resent as plain text", null);
      return sendMessage(message, silent, false, migrations, options);
    }
    if (!options.buttons().isEmpty() && answer.code == 400
        && answer.description.toLowerCase(Locale.ROOT).contains("button")) {
      status.onStatus(StatusListener.Level.WARN,
          "Telegram refused the message's buttons (" + answer.description + "); resent without them", null);
      return sendMessage(message, silent, html, migrations, options.toBuilder().withoutButtons().build());
    }
    return answer.outcome();
  }

  /** Telegram's {@code InlineKeyboardMarkup}. */
  public static ObjectNode inlineKeyboard(List<List<MessageButton>> rows) {
    ObjectNode markup = Wire.MAPPER.createObjectNode();
    ArrayNode keyboard = markup.putArray("inline_keyboard");
    for (List<MessageButton> row : rows) {
      ArrayNode line = keyboard.addArray();
      for (MessageButton b : row) {
        ObjectNode button = line.addObject().put("text", b.text());
        if (b.url() != null) {
          button.put("url", b.url());
        } else {
          button.put("callback_data", b.callbackData());
        }
      }
    }
    return markup;
  }

  /**
   * Calls any Bot API method with JSON parameters, for what the transport itself does not send
   * (updates, callback answers, message edits). Never throws; the answer never carries the token.
   */
  public BotApiAnswer callMethod(String method, ObjectNode parameters) {
    Answer answer = call(method, RequestBody.create(parameters.toString(), Wire.JSON));
    return new BotApiAnswer(answer.ok, answer.ok ? null : answer.reason(), answer.result, answer.retryAfter);
  }

  /** What a Bot API method answered: its result when ok, else why not (free of the token). */
  public static final class BotApiAnswer {
    private final boolean ok;
    private final String failure;
    private final JsonNode result;
    private final Long retryAfterSeconds;

    BotApiAnswer(boolean ok, String failure, JsonNode result, Long retryAfterSeconds) {
      this.ok = ok;
      this.failure = failure;
      this.result = result == null ? Wire.MAPPER.missingNode() : result;
      this.retryAfterSeconds = retryAfterSeconds;
    }

    public boolean isOk() {
      return ok;
    }

    /** Why the call failed, or null when it did not. */
    public String failure() {
      return failure;
    }

    /** The method's {@code result}; a missing node when there is none. */
    public JsonNode result() {
      return result;
    }

    /** Seconds Telegram asked to wait (a 429), or null. */
    public Long retryAfterSeconds() {
      return retryAfterSeconds;
    }

    @Override
    public String toString() {
      return ok ? "ok" : "failed: " + failure;
    }
  }

  private void sendDocument(ErrorReport report, String trace) {
    String name = "stacktrace-" + (report.eventId() != null ? report.eventId()
        : report.fingerprint() != null ? report.fingerprint() : "report") + ".txt";
    MultipartBody.Builder body = new MultipartBody.Builder().setType(MultipartBody.FORM)
        .addFormDataPart("chat_id", chatId)
        .addFormDataPart("disable_notification", "true")
        .addFormDataPart("document", name.replaceAll("[^A-Za-z0-9._-]", "_"),
            RequestBody.create(trace.getBytes(StandardCharsets.UTF_8), Wire.TEXT));
    if (messageThreadId != null) {
      body.addFormDataPart("message_thread_id", messageThreadId.toString());
    }
    Answer answer = call("sendDocument", body.build());
    if (!answer.ok) {
      status.onStatus(StatusListener.Level.WARN, "Full stack trace not sent as a document: " + answer.reason(), null);
    }
  }

  /** Asks {@code getMe} whether the token works and the API is reachable. */
  public Connectivity checkConnectivity() {
    Answer answer = call("getMe", null);
    if (!answer.ok) {
      return new Connectivity(false, answer.reason());
    }
    JsonNode username = answer.result.path("username");
    return new Connectivity(true, username.isMissingNode() ? "ok" : "@" + username.asText());
  }

  private Answer call(String method, RequestBody body) {
    HttpUrl url = apiUrl.newBuilder().addPathSegment("bot" + token).addPathSegment(method).build();
    Request.Builder request = new Request.Builder().url(url);
    if (body != null) {
      request.post(body);
    }
    try (Response response = http.newCall(request.build()).execute()) {
      String text = response.body().string();
      JsonNode json;
      try {
        json = Wire.MAPPER.readTree(text);
      } catch (IOException notJson) {
        json = Wire.MAPPER.createObjectNode();
      }
      return new Answer(response.code(), json, this::redact);
    } catch (IOException e) {
      return Answer.failed(redact(e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage())));
    } catch (RuntimeException e) {
      return Answer.failed(redact("unexpected " + e.getClass().getSimpleName()));
    }
  }

  private String redact(String s) {
    return s == null ? null : s.replace(token, "***");
  }

  /** Telegram's limits: one message a second per chat, and 20 a minute in a group. */
  @Override
  public Pacing pacing() {
    return chatId.startsWith("-") ? Pacing.perMinute(20).and(Pacing.perSecond(1)) : Pacing.perSecond(1);
  }

  @Override
  public String describe() {
    return describe(chatId, messageThreadId, apiUrl);
  }

  private static String describe(String chatId, Long messageThreadId, HttpUrl apiUrl) {
    return "telegram(chat=" + chatId + (messageThreadId == null ? "" : ", thread=" + messageThreadId)
        + ", api=" + apiUrl.host() + ")";
  }

  @Override
  public String toString() {
    return describe();
  }

  @Override
  public void close() {
    HttpClients.release(http);
  }

  /**
   * What only sending needs, made when the first message goes out rather than when settings are
   * checked: Jackson and OkHttp's media types are then not loaded by a JVM that only checks its
   * settings at start (the Java agent, on the app's main thread).
   */
  private static final class Wire {
    static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    static final MediaType TEXT = MediaType.get("text/plain; charset=utf-8");
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Wire() {}
  }

  /** The answer to {@code getMe}: whether the bot is reachable, and its name or why not. */
  public static final class Connectivity {
    private final boolean ok;
    private final String detail;

    Connectivity(boolean ok, String detail) {
      this.ok = ok;
      this.detail = detail;
    }

    public boolean isOk() {
      return ok;
    }

    /** The bot's {@code @username} when ok, else why not; never the token. */
    public String detail() {
      return detail;
    }

    @Override
    public String toString() {
      return (ok ? "ok " : "failed: ") + detail;
    }
  }

  private static final class Answer {
    final boolean ok;
    final int code;
    final String description;
    final Long retryAfter;
    final String migrateTo;
    final JsonNode result;

    Answer(int code, JsonNode json, java.util.function.UnaryOperator<String> redact) {
      this.code = code;
      this.ok = code / 100 == 2 && json.path("ok").asBoolean(true);
      String description = json.path("description").asText("");
      this.description = redact.apply(description.isEmpty() ? "HTTP " + code : description);
      JsonNode parameters = json.path("parameters");
      this.retryAfter = parameters.has("retry_after") ? parameters.get("retry_after").asLong() : null;
      this.migrateTo = parameters.has("migrate_to_chat_id") ? parameters.get("migrate_to_chat_id").asText() : null;
      this.result = json.path("result");
    }

    private Answer(String failure) {
      this.ok = false;
      this.code = -1;
      this.description = failure;
      this.retryAfter = null;
      this.migrateTo = null;
      this.result = null;
    }

    static Answer failed(String reason) {
      return new Answer(reason);
    }

    String reason() {
      return code < 0 ? description : "HTTP " + code + ": " + description;
    }

    DeliveryOutcome outcome() {
      if (code < 0 || code >= 500) {
        return DeliveryOutcome.retryable(reason());
      }
      if (code == 429) {
        return DeliveryOutcome.rateLimited(Duration.ofSeconds(retryAfter == null ? 5 : Math.max(1, retryAfter)), reason());
      }
      return DeliveryOutcome.rejected(reason());
    }
  }

  public static final class Builder {
    private String botToken;
    private String chatId;
    private Long messageThreadId;
    private HttpUrl apiUrl = HttpUrl.get(DEFAULT_API_URL);
    private Proxy proxy;
    private Severity silentBelow;
    private boolean sendFullTraceAsDocument;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(20);
    private TelegramRenderer renderer = TelegramRenderer.byDefault();
    private StatusListener status = StatusListener.stderr();

    private Builder() {}

    public Builder botToken(String botToken) {
      this.botToken = botToken;
      return this;
    }

    /** A numeric chat id ({@code -100…} for groups and channels) or {@code @channelusername}. */
    public Builder chatId(String chatId) {
      this.chatId = chatId;
      return this;
    }

    /** The forum topic to post in, or null for the chat's main thread. */
    public Builder messageThreadId(Long messageThreadId) {
      this.messageThreadId = messageThreadId;
      return this;
    }

    /** Another Bot API server: a self-hosted one, a relay, or a fake in tests. */
    public Builder apiBaseUrl(String apiBaseUrl) {
      HttpUrl url = HttpUrl.parse(Objects.requireNonNull(apiBaseUrl, "apiBaseUrl").trim());
      if (url == null) {
        throw new IllegalArgumentException("Telegram API URL is not an http(s) URL: " + apiBaseUrl);
      }
      this.apiUrl = url;
      return this;
    }

    /** An HTTP or SOCKS proxy for the Bot API. */
    public Builder proxy(Proxy proxy) {
      this.proxy = proxy;
      return this;
    }

    /** Reports less severe than this arrive without a notification sound; null notifies for all. */
    public Builder silentBelow(Severity severity) {
      this.silentBelow = severity;
      return this;
    }

    /** When a trace had to be trimmed, also send it whole as a {@code .txt} document. */
    public Builder sendFullTraceAsDocument(boolean send) {
      this.sendFullTraceAsDocument = send;
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Objects.requireNonNull(timeout);
      return this;
    }

    public Builder readTimeout(Duration timeout) {
      this.readTimeout = Objects.requireNonNull(timeout);
      return this;
    }

    public Builder renderer(TelegramRenderer renderer) {
      this.renderer = Objects.requireNonNull(renderer);
      return this;
    }

    public Builder status(StatusListener status) {
      this.status = Objects.requireNonNull(status);
      return this;
    }

    /** @throws IllegalArgumentException naming the missing or malformed setting, never its value */
    public TelegramTransport build() {
      validate();
      return new TelegramTransport(this);
    }

    /**
     * Checks the settings as {@link #build()} does, without opening anything.
     *
     * @throws IllegalArgumentException naming the missing or malformed setting, never its value
     */
    public Builder validate() {
      if (botToken == null || botToken.isBlank()) {
        throw new IllegalArgumentException("Telegram bot token is missing (set TELEGRAM_BOT_TOKEN or botToken)");
      }
      if (!botToken.trim().matches("\\d+:[A-Za-z0-9_-]+")) {
        throw new IllegalArgumentException(
            "Telegram bot token is malformed: expected <digits>:<letters, digits, _ or ->, as @BotFather gives it");
      }
      botToken = botToken.trim();
      if (chatId == null || chatId.isBlank()) {
        throw new IllegalArgumentException("Telegram chat id is missing (set TELEGRAM_CHAT_ID or chatId)");
      }
      chatId = chatId.trim();
      if (!chatId.matches("-?\\d+|@[A-Za-z0-9_]{4,}")) {
        throw new IllegalArgumentException("Telegram chat id must be a number like -1001234567890 or @channelname, was: " + chatId);
      }
      return this;
    }

    /** What the transport built from these settings describes itself as; no secrets. */
    public String describe() {
      return TelegramTransport.describe(chatId, messageThreadId, apiUrl);
    }

    @Override
    public String toString() {
      return "TelegramTransport.Builder(chat=" + chatId + ", token=***)";
    }
  }
}
