package dev.jahiz.receiver.config;

import dev.jahiz.filter.IgnoreRules;
import dev.jahiz.receiver.http.ClientAddress;
import dev.jahiz.receiver.monitoring.MonitoringSettings;
import dev.jahiz.receiver.triage.TriageSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every setting of the receiver, read once from a map of environment-style names so tests inject
 * configuration without touching the process environment. Invalid values fail at start, naming the
 * variable; secrets are never part of a message or of {@link #toString()}.
 */
public final class ReceiverConfig {
  public static final String SECRET_HELP =
      "WEBHOOK_SECRET is not set. Generate one with `openssl rand -hex 32`, set it in the environment or in"
          + " ./.env (WEBHOOK_SECRET=...), and give the same value to every reporting app."
          + " To run without authentication on a development machine, set JAHIZ_DEV_MODE=true.";

  /** Bytes a secret or token needs at least: below that it can be guessed offline from one signed request. */
  public static final int MIN_SECRET_BYTES = 16;
  private static final String HOW_TO_MAKE_ONE = "Generate one with `openssl rand -hex 32`";

  private final String host;
  private final int port;
  private final DatabaseSettings database;
  private final String botToken;
  private final String chatId;
  private final Long messageThreadId;
  private final String telegramApiUrl;
  private final String webhookSecret;
  private final boolean devMode;
  private final String sentrySecret;
  private final IgnoreRules ignoreRules;
  private final boolean allowSecretHeader;
  private final Duration replayWindow;
  private final int maxBodyBytes;
  private final int maxBatch;
  private final Duration groupWindow;
  private final Duration retention;
  private final int authFailuresPerMinute;
  private final Duration retryBase;
  private final Duration retryMax;
  private final Duration telegramTimeout;
  private final Duration deliveryLease;
  private final Duration bodyTimeout;
  private final int maxRequestsPerAddress;
  private final List<String> trustedProxies;
  private final Origins corsOrigins;
  private final List<PublicKey> publicKeys;
  private final int publicKeyReportsPerMinute;
  private final int publicKeyAddressReportsPerMinute;
  private final List<String> readTokens;
  private final boolean webhookSecretReads;
  private final boolean accessLog;
  private final MonitoringSettings monitoring;
  private final TriageSettings triage;

  private ReceiverConfig(Settings s) {
    host = s.text("JAHIZ_HOST", "0.0.0.0");
    port = s.integer("JAHIZ_PORT", 8000, 0, 65535);
    database = DatabaseSettings.from(s);
    botToken = s.optional("TELEGRAM_BOT_TOKEN").orElse(null);
    chatId = s.optional("TELEGRAM_CHAT_ID").orElse(null);
    messageThreadId = s.optional("TELEGRAM_MESSAGE_THREAD_ID").map(v -> s.parseLong("TELEGRAM_MESSAGE_THREAD_ID", v)).orElse(null);
    telegramApiUrl = s.text("JAHIZ_TELEGRAM_API_URL", "https://api.telegram.org");
    webhookSecret = s.optional("WEBHOOK_SECRET").orElse(null);
    devMode = s.bool("JAHIZ_DEV_MODE", false);
    sentrySecret = s.optional("SENTRY_CLIENT_SECRET").or(() -> s.optional("SENTRY_WEBHOOK_SECRET")).orElse(null);
    ignoreRules = ignoreRules(s.optional("JAHIZ_IGNORE").orElse(null), s.optional("JAHIZ_IGNORE_FILE").orElse(null));
    allowSecretHeader = s.bool("JAHIZ_ALLOW_SECRET_HEADER", true);
    replayWindow = Duration.ofSeconds(s.integer("JAHIZ_REPLAY_WINDOW_SECONDS", 300, 1, 86_400));
    maxBodyBytes = s.integer("JAHIZ_MAX_BODY_BYTES", 1024 * 1024, 1024, 64 * 1024 * 1024);
    maxBatch = s.integer("JAHIZ_MAX_BATCH", 500, 1, 10_000);
    groupWindow = Duration.ofSeconds(s.integer("JAHIZ_GROUP_WINDOW_SECONDS", 60, 0, 86_400));
    retention = Duration.ofDays(s.integer("JAHIZ_RETENTION_DAYS", 30, 1, 3650));
    authFailuresPerMinute = s.integer("JAHIZ_AUTH_FAILURES_PER_MINUTE", 20, 1, 1_000_000);
    retryBase = Duration.ofMillis(s.integer("JAHIZ_RETRY_BASE_MILLIS", 1000, 1, 600_000));
    retryMax = Duration.ofSeconds(s.integer("JAHIZ_RETRY_MAX_SECONDS", 300, 1, 86_400));
    telegramTimeout = Duration.ofSeconds(s.integer("JAHIZ_TELEGRAM_TIMEOUT_SECONDS", 20, 1, 600));
    deliveryLease = Duration.ofSeconds(s.integer("JAHIZ_DELIVERY_LEASE_SECONDS",
        (int) telegramTimeout.toSeconds() * 2 + 10, 1, 3600));
    if (deliveryLease.compareTo(telegramTimeout) <= 0) {
      throw new ConfigException("JAHIZ_DELIVERY_LEASE_SECONDS must be longer than JAHIZ_TELEGRAM_TIMEOUT_SECONDS ("
          + telegramTimeout.toSeconds() + "): a send still running when its lease ends may be repeated by another"
          + " receiver");
    }
    bodyTimeout = Duration.ofSeconds(s.integer("JAHIZ_BODY_TIMEOUT_SECONDS", 10, 1, 600));
    maxRequestsPerAddress = s.integer("JAHIZ_MAX_REQUESTS_PER_ADDRESS", 32, 1, 10_000);
    trustedProxies = s.list("JAHIZ_TRUSTED_PROXIES");
    monitoring = MonitoringSettings.from(s);
    triage = TriageSettings.from(s, devMode);
    try {
      ClientAddress.trusting(trustedProxies);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("JAHIZ_TRUSTED_PROXIES must list IP addresses, CIDR blocks (10.0.0.0/8) or ranges,"
          + " comma-separated: " + e.getMessage());
    }
    corsOrigins = s.optional("JAHIZ_CORS_ORIGINS").map(v -> Origins.parse("JAHIZ_CORS_ORIGINS", v, ","))
        .orElse(Origins.NONE);
    readTokens = s.list("JAHIZ_READ_TOKEN");
    Map<String, String> secrets = new java.util.LinkedHashMap<>();
    readTokens.forEach(token -> secrets.put(token, "a JAHIZ_READ_TOKEN"));
    if (webhookSecret != null) {
      secrets.put(webhookSecret, "the WEBHOOK_SECRET");
    }
    publicKeys = s.optional(PublicKey.VARIABLE).map(v -> PublicKey.parseAll(v, secrets)).orElse(List.of());
    publicKeyReportsPerMinute = s.integer("JAHIZ_PUBLIC_KEY_REPORTS_PER_MINUTE", 600, 1, 1_000_000);
    publicKeyAddressReportsPerMinute = s.integer("JAHIZ_PUBLIC_KEY_ADDRESS_REPORTS_PER_MINUTE", 30, 1, 1_000_000);

    webhookSecretReads = s.bool("JAHIZ_WEBHOOK_SECRET_READS", false);
    accessLog = s.bool("JAHIZ_ACCESS_LOG", false);

    if (webhookSecret == null && !devMode) {
      throw new ConfigException(SECRET_HELP);
    }
    if (!devMode) {
      if (webhookSecret != null && tooShort(webhookSecret)) {
        throw new ConfigException("WEBHOOK_SECRET is too short to be safe (" + bytes(webhookSecret) + " bytes, at least "
            + MIN_SECRET_BYTES + " needed). " + HOW_TO_MAKE_ONE + " and give the same value to every reporting app,"
            + " or set JAHIZ_DEV_MODE=true on a development machine.");
      }
      for (int i = 0; i < readTokens.size(); i++) {
        if (tooShort(readTokens.get(i))) {
          throw new ConfigException("JAHIZ_READ_TOKEN entry " + (i + 1) + " is too short to be safe ("
              + bytes(readTokens.get(i)) + " bytes, at least " + MIN_SECRET_BYTES + " needed). " + HOW_TO_MAKE_ONE
              + "; several tokens are separated by commas.");
        }
      }
    }
    if (botToken != null && chatId == null) {
      throw new ConfigException("TELEGRAM_BOT_TOKEN is set but TELEGRAM_CHAT_ID is not: set the chat to deliver to"
          + " (e.g. -1001234567890), or unset the token to run in console mode.");
    }
  }

  /** Reads the settings; blank values count as unset. */
  public static ReceiverConfig from(Map<String, String> values) {
    return new ReceiverConfig(new Settings(values));
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  /** PostgreSQL at {@code JAHIZ_DB_URL}, or the SQLite file at {@code JAHIZ_DB_PATH}. */
  public DatabaseSettings database() {
    return database;
  }

  /** Without a token the receiver prints rendered messages instead of sending them. */
  public boolean consoleMode() {
    return botToken == null;
  }

  public Optional<String> botToken() {
    return Optional.ofNullable(botToken);
  }

  public Optional<String> chatId() {
    return Optional.ofNullable(chatId);
  }

  public Optional<Long> messageThreadId() {
    return Optional.ofNullable(messageThreadId);
  }

  public String telegramApiUrl() {
    return telegramApiUrl;
  }

  public Optional<String> webhookSecret() {
    return Optional.ofNullable(webhookSecret);
  }

  /** The Sentry integration's client secret ({@code SENTRY_CLIENT_SECRET}, or seed 003's {@code SENTRY_WEBHOOK_SECRET}). */
  public Optional<String> sentrySecret() {
    return Optional.ofNullable(sentrySecret);
  }

  /** Rules from {@code JAHIZ_IGNORE} and the file {@code JAHIZ_IGNORE_FILE}: matching reports are stored as filtered. */
  public IgnoreRules ignoreRules() {
    return ignoreRules;
  }

  private static IgnoreRules ignoreRules(String inline, String file) {
    IgnoreRules rules;
    try {
      rules = IgnoreRules.parse(inline);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("JAHIZ_IGNORE: " + e.getMessage());
    }
    if (file == null) {
      return rules;
    }
    String text;
    try {
      text = java.nio.file.Files.readString(Path.of(file));
    } catch (java.io.IOException | RuntimeException e) {
      throw new ConfigException("JAHIZ_IGNORE_FILE: cannot read " + file + " (" + e.getMessage() + ")");
    }
    try {
      return rules.and(IgnoreRules.parse(text));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("JAHIZ_IGNORE_FILE " + file + ": " + e.getMessage());
    }
  }

  public boolean devMode() {
    return devMode;
  }

  /**
   * Whether every answered request is logged; otherwise only refused and failed ones (status 400 and
   * up) are, and the rest are counted in {@code http_server_requests}. A JSON line per request was a
   * tenth of the cost of taking a report.
   */
  public boolean accessLog() {
    return accessLog;
  }

  /** Whether the seed client's plain {@code X-Webhook-Secret} header is accepted. */
  public boolean allowSecretHeader() {
    return allowSecretHeader;
  }

  public Duration replayWindow() {
    return replayWindow;
  }

  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  public int maxBatch() {
    return maxBatch;
  }

  public Duration groupWindow() {
    return groupWindow;
  }

  public Duration retention() {
    return retention;
  }

  public int authFailuresPerMinute() {
    return authFailuresPerMinute;
  }

  public Duration retryBase() {
    return retryBase;
  }

  public Duration retryMax() {
    return retryMax;
  }

  /** How long one Bot API call may take before it counts as failed and is retried. */
  public Duration telegramTimeout() {
    return telegramTimeout;
  }

  /**
   * How long a receiver holds a digest's lease: when it dies mid-send, another receiver sharing the
   * database sends the digest after this long.
   */
  public Duration deliveryLease() {
    return deliveryLease;
  }

  /**
   * Bearer tokens that may use the read API: {@code JAHIZ_READ_TOKEN}'s (comma-separated, so a new one
   * can be added before the old one is removed) and, with {@code JAHIZ_WEBHOOK_SECRET_READS=true},
   * the webhook secret as before.
   */
  public List<String> readTokens() {
    if (webhookSecretReads && webhookSecret != null) {
      List<String> all = new java.util.ArrayList<>(readTokens);
      all.add(webhookSecret);
      return List.copyOf(all);
    }
    return readTokens;
  }

  private static boolean tooShort(String secret) {
    return bytes(secret) < MIN_SECRET_BYTES;
  }

  private static int bytes(String secret) {
    return secret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  /** How long a request body may take to arrive, whatever its pace. */
  public Duration bodyTimeout() {
    return bodyTimeout;
  }

  /** Requests one client address may have in progress at once; more wait their turn. */
  public int maxRequestsPerAddress() {
    return maxRequestsPerAddress;
  }

  /** Reverse proxies whose {@code X-Forwarded-For} names the client. */
  public ClientAddress clientAddress() {
    return ClientAddress.trusting(trustedProxies);
  }

  /**
   * Origins whose pages may call the write endpoints with the webhook secret or any browser key
   * ({@code JAHIZ_CORS_ORIGINS}); each browser key's own origins are allowed on top of these.
   */
  public Origins corsOrigins() {
    return corsOrigins;
  }

  /** Browser ingest keys ({@code JAHIZ_PUBLIC_KEYS}), each with the origins allowed to use it. */
  public List<PublicKey> publicKeys() {
    return publicKeys;
  }

  /** Reports one browser key may submit a minute, from all its pages together. */
  public int publicKeyReportsPerMinute() {
    return publicKeyReportsPerMinute;
  }

  /** Reports one client address may submit a minute with browser keys. */
  public int publicKeyAddressReportsPerMinute() {
    return publicKeyAddressReportsPerMinute;
  }

  /** Webhook monitoring: events, hourly metrics, health endpoints and alerts. */
  public MonitoringSettings monitoring() {
    return monitoring;
  }

  /** Triage: the public URL and how Telegram's button presses arrive. */
  public TriageSettings triage() {
    return triage;
  }

  @Override
  public String toString() {
    return "ReceiverConfig(port=" + port + ", db=" + database + ", mode=" + (consoleMode() ? "console" : "telegram")
        + ", chat=" + chatId + ", secret=" + (webhookSecret == null ? "none" : "***")
        + ", sentrySecret=" + (sentrySecret == null ? "none" : "***") + ", ignoreRules=" + ignoreRules.rules().size()
        + ", readTokens=" + readTokens.size() + (webhookSecretReads ? "+webhook secret" : "") + ", devMode=" + devMode
        + ", groupWindow=" + groupWindow + ", retention=" + retention + ", corsOrigins=" + corsOrigins
        + ", publicKeys=" + publicKeys.size() + ", accessLog=" + (accessLog ? "all" : "failures") + ", " + triage + ")";
  }
}
