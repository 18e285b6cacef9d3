package dev.jahiz.config;

import dev.jahiz.client.JahizClient;
import dev.jahiz.spool.Spool;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every option of Jahiz, declared once: its name in {@code logback.xml} and {@code log4j2.xml}, its
 * environment variable and system property for the agent, its property under {@code jahiz.} for
 * Spring Boot, what it means and what it defaults to. {@link JahizSettings} reads them all; the
 * appenders, the agent and the starter only carry them there as text, so an option added here is
 * an option everywhere (each adapter's tests check that it offers every one).
 */
public enum JahizOption {
  // Where reports go.
  BOT_TOKEN("botToken", "telegram.bot-token", Kind.TEXT, null, JahizSettings.ENV_BOT_TOKEN, true,
      "The Telegram bot's token, from @BotFather."),
  CHAT_ID("chatId", "telegram.chat-id", Kind.TEXT, null, JahizSettings.ENV_CHAT_ID, false,
      "The chat, group or channel that receives the reports, e.g. -1001234567890."),
  MESSAGE_THREAD_ID("messageThreadId", "telegram.message-thread-id", Kind.WHOLE_NUMBER, null, null, false,
      "The topic of a forum group to post in."),
  TELEGRAM_API_URL("telegramApiUrl", "telegram.api-url", Kind.URL, "https://api.telegram.org",
      JahizSettings.ENV_TELEGRAM_API_URL, false, "The Bot API's base URL, for a local Bot API server or a test fake."),
  SILENT_BELOW("silentBelow", "telegram.silent-below", Kind.SEVERITY, null, null, false,
      "Reports below this severity arrive without a notification sound, e.g. error silences warnings and infos."),
  SEND_FULL_TRACE_AS_DOCUMENT("sendFullTraceAsDocument", "telegram.send-full-trace-as-document", Kind.FLAG, "false",
      null, false, "Also send the whole stack trace as a .txt document when the message had to shorten it."),
  RECEIVER_URL("receiverUrl", "receiver.url", Kind.URL, null, JahizSettings.ENV_RECEIVER_URL, false,
      "A Jahiz receiver's base URL: reports go there, signed, instead of straight to Telegram."),
  WEBHOOK_SECRET("webhookSecret", "receiver.webhook-secret", Kind.TEXT, null, JahizSettings.ENV_WEBHOOK_SECRET, true,
      "The secret shared with the receiver, that signs each report."),
  PROXY("proxy", "proxy", Kind.URL, null, null, false, "An HTTP or SOCKS proxy: http://host:port or socks://host:port."),

  // What every report says about the app.
  APP_NAME("appName", "app-name", Kind.TEXT, null, null, false, "The application's name, shown in every report."),
  APP_VERSION("appVersion", "app-version", Kind.TEXT, null, null, false, "The application's version."),
  ENVIRONMENT("environment", "environment", Kind.TEXT, null, null, false, "production, staging, ..."),
  SERVICE_NAME("serviceName", "service-name", Kind.TEXT, null, null, false, "The service, when one app has several."),
  TAGS("tags", "tags", Kind.LIST, null, null, false,
      "Static tags, key=value or a bare key, comma-separated; repeatable.", "tag"),
  IGNORE("ignore", "ignore", Kind.LIST, null, null, false,
      "Ignore rules such as environment=test && message~(?i)timeout, ';'-separated: matching reports are counted,"
          + " not sent; repeatable."),
  APPLICATION_PACKAGES("applicationPackages", "application-packages", Kind.LIST, null, null, false,
      "The application's own packages, comma-separated, for headlines and fingerprints (default: the main class's)."),
  DEVICE_INFO("deviceInfo", "device-info", Kind.FLAG, "true", null, false,
      "Add host, memory and CPU figures to each report (sampled off the logging thread)."),

  // Which events become reports.
  MINIMUM_LEVEL("minimumLevel", "minimum-level", Kind.LEVEL, "ERROR", null, false,
      "The least severe level reported: ERROR, WARN, INFO, DEBUG or TRACE (FATAL: Log4j's alone; ERROR on Logback)."),
  INCLUDE_CALLER_DATA("includeCallerData", "include-caller-data", Kind.FLAG, "false", null, false,
      "Take the file and line of a logging call without a throwable (costs a stack walk per event)."),

  // How reports travel.
  QUEUE_CAPACITY("queueCapacity", "queue.capacity", Kind.WHOLE_NUMBER, String.valueOf(JahizClient.DEFAULT_QUEUE_CAPACITY), null, false,
      "Most reports waiting in memory; past it, new ones are dropped and counted."),
  QUEUE_BYTES("queueBytes", "queue.bytes", Kind.WHOLE_NUMBER, String.valueOf(JahizClient.DEFAULT_QUEUE_BYTES), null, false,
      "Most bytes of reports waiting in memory."),
  GROUPING_WINDOW("groupingWindow", "grouping-window", Kind.DURATION, JahizClient.DEFAULT_GROUPING_WINDOW.getSeconds() + "s", null, false,
      "Repeats of one failure within this window become one message with a count: 60s, 5m, 500ms or PT1M."),
  CLOSE_TIMEOUT("closeTimeout", "close-timeout", Kind.DURATION, JahizClient.DEFAULT_CLOSE_TIMEOUT.getSeconds() + "s", null, false,
      "How long shutdown waits for queued reports to be delivered."),
  MAX_ATTEMPTS("maxAttempts", "max-attempts", Kind.WHOLE_NUMBER, String.valueOf(JahizClient.DEFAULT_MAX_ATTEMPTS), null, false,
      "Send attempts per message before it is counted as failed."),
  MAX_MESSAGES_PER_MINUTE("maxMessagesPerMinute", "max-messages-per-minute", Kind.WHOLE_NUMBER, null, null, false,
      "A limit of your own on messages a minute, below Telegram's (20 a minute per group, 1 a second per chat)."),
  SPOOL("spool", "spool.enabled", Kind.FLAG, "true", null, false,
      "Keep undelivered reports on disk and send them at the next start."),
  SPOOL_DIR("spoolDir", "spool.dir", Kind.TEXT, null, null, false,
      "The spool folder (default: one per app and destination under the system temporary directory)."),
  SPOOL_BYTES("spoolBytes", "spool.bytes", Kind.WHOLE_NUMBER, String.valueOf(Spool.DEFAULT_MAX_BYTES), null, false,
      "Most bytes kept in the spool; the oldest reports go first, counted."),

  // Which MDC (ThreadContext) keys fill the report's user and request fields.
  USER_ID_KEY("userIdKey", "mdc.user-id-key", Kind.TEXT, "user_id", null, false, "The MDC key of the user's id."),
  USERNAME_KEY("usernameKey", "mdc.username-key", Kind.TEXT, "username", null, false, "The MDC key of the user's name."),
  EMAIL_KEY("emailKey", "mdc.email-key", Kind.TEXT, "email", null, false, "The MDC key of the user's email."),
  SESSION_ID_KEY("sessionIdKey", "mdc.session-id-key", Kind.TEXT, "session_id", null, false,
      "The MDC key of the session id."),
  IP_ADDRESS_KEY("ipAddressKey", "mdc.ip-address-key", Kind.TEXT, "ip_address", null, false,
      "The MDC key of the client's IP address."),
  REQUEST_URL_KEY("requestUrlKey", "mdc.request-url-key", Kind.TEXT, "request_url", null, false,
      "The MDC key of the request URL."),
  REQUEST_METHOD_KEY("requestMethodKey", "mdc.request-method-key", Kind.TEXT, "request_method", null, false,
      "The MDC key of the request method."),
  RESPONSE_STATUS_KEY("responseStatusKey", "mdc.response-status-key", Kind.TEXT, "response_status", null, false,
      "The MDC key of the response status."),
  MDC_TAGS("mdcTags", "mdc.tags", Kind.LIST, null, null, false,
      "MDC keys whose values become tags, comma-separated; repeatable.", "mdcTag"),
  OTHER_MDC_TO_METADATA("otherMdcToMetadata", "mdc.other-to-metadata", Kind.FLAG, "true", null, false,
      "Put the other MDC entries in the report's metadata.");

  /** How an option's text is read; every kind is parsed in one place, {@link JahizSettings}. */
  public enum Kind {
    TEXT,
    /** true/yes/on or false/no/off, any case. */
    FLAG,
    WHOLE_NUMBER,
    /** 60s, 5m, 500ms, 2h, ISO PT1M, or plain seconds. */
    DURATION,
    /** A logging level: FATAL, ERROR, WARN, INFO, DEBUG, TRACE. */
    LEVEL,
    /** A report severity: critical, error, warning, info. */
    SEVERITY,
    URL,
    /** Several values; the option may also be given several times. */
    LIST
  }

  private static final Map<String, JahizOption> BY_SPELLING = new ConcurrentHashMap<>();

  static {
    for (JahizOption option : values()) {
      BY_SPELLING.put(normalize(option.optionName), option);
      BY_SPELLING.put(normalize(option.propertyPath), option);
      if (option.alias != null) {
        BY_SPELLING.put(normalize(option.alias), option);
      }
    }
  }

  private final String optionName;
  private final String propertyPath;
  private final Kind kind;
  private final String defaultValue;
  private final String plainEnvironmentVariable;
  private final boolean sensitive;
  private final String description;
  private final String alias;

  JahizOption(String optionName, String propertyPath, Kind kind, String defaultValue, String plainEnvironmentVariable,
      boolean sensitive, String description) {
    this(optionName, propertyPath, kind, defaultValue, plainEnvironmentVariable, sensitive, description, null);
  }

  JahizOption(String optionName, String propertyPath, Kind kind, String defaultValue, String plainEnvironmentVariable,
      boolean sensitive, String description, String alias) {
    this.optionName = optionName;
    this.propertyPath = propertyPath;
    this.kind = kind;
    this.defaultValue = defaultValue;
    this.plainEnvironmentVariable = plainEnvironmentVariable;
    this.sensitive = sensitive;
    this.description = description;
    this.alias = alias;
  }

  /** The option by any of its spellings: {@code botToken}, {@code BOT_TOKEN}, {@code telegram.bot-token}, ... */
  public static Optional<JahizOption> named(String spelling) {
    return spelling == null ? Optional.empty() : Optional.ofNullable(BY_SPELLING.get(normalize(spelling)));
  }

  /** The name in {@code logback.xml} and {@code log4j2.xml}, and in {@code -Djahiz.<name>}: {@code botToken}. */
  public String optionName() {
    return optionName;
  }

  /** The Spring-style property under {@code jahiz.}: {@code telegram.bot-token}. */
  public String propertyPath() {
    return propertyPath;
  }

  /**
   * {@code JAHIZ_} and the property path in upper snake case, {@code JAHIZ_TELEGRAM_BOT_TOKEN}: the
   * name Spring Boot's relaxed binding gives {@code jahiz.telegram.bot-token}, read by the agent too.
   */
  public String environmentVariable() {
    return "JAHIZ_" + propertyPath.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }

  /**
   * The variable an unset option falls back to in every adapter: the seed service's names, {@code
   * TELEGRAM_BOT_TOKEN}, {@code TELEGRAM_CHAT_ID}, {@code WEBHOOK_SECRET}, {@code JAHIZ_RECEIVER_URL}
   * and {@code JAHIZ_TELEGRAM_API_URL}.
   */
  public Optional<String> plainEnvironmentVariable() {
    return Optional.ofNullable(plainEnvironmentVariable);
  }

  /** Another name the option answers to, kept from earlier versions ({@code <tag>} for {@code tags}). */
  public Optional<String> alias() {
    return Optional.ofNullable(alias);
  }

  public Kind kind() {
    return kind;
  }

  /** What an unset option means, as text; empty when it has no fixed default. */
  public Optional<String> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  /** A value never to print: status output says {@code ***}. */
  public boolean sensitive() {
    return sensitive;
  }

  /** Several values, given comma-separated (ignore rules: {@code ;}) or by giving the option again. */
  public boolean repeatable() {
    return kind == Kind.LIST && this != APPLICATION_PACKAGES;
  }

  public String description() {
    return description;
  }

  /** What separates the values of a list option: {@code ;} for ignore rules (a regex may hold commas), else {@code ,}. */
  public String separator() {
    return this == IGNORE ? ";" : ",";
  }

  private static String normalize(String spelling) {
    StringBuilder out = new StringBuilder(spelling.length());
    for (int i = 0; i < spelling.length(); i++) {
      char c = spelling.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        out.append(Character.toLowerCase(c));
      }
    }
    return out.toString();
  }
}
