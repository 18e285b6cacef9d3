package dev.jahiz.config;

import dev.jahiz.filter.IgnoreRule;
import dev.jahiz.filter.IgnoreRules;
import dev.jahiz.StatusListener;
import dev.jahiz.client.JahizClient;
import dev.jahiz.client.ReportDefaults;
import dev.jahiz.delivery.Pacing;
import dev.jahiz.delivery.Transport;
import dev.jahiz.device.SampledDeviceInfo;
import dev.jahiz.fingerprint.StackFrames;
import dev.jahiz.spool.Spool;
import dev.jahiz.report.Severity;
import dev.jahiz.telegram.TelegramRenderer;
import dev.jahiz.telegram.TelegramTransport;
import dev.jahiz.webhook.WebhookTransport;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every option of Jahiz as text, the way logging configs hand them over, checked once and turned
 * into a running {@link JahizClient}. Both appenders configure through this, so an option means the
 * same in {@code logback.xml} and {@code log4j2.xml}.
 *
 * <p>Unset options fall back to the environment variables of the seed service: {@code
 * TELEGRAM_BOT_TOKEN}, {@code TELEGRAM_CHAT_ID}, {@code WEBHOOK_SECRET}, {@code JAHIZ_RECEIVER_URL}
 * and {@code JAHIZ_TELEGRAM_API_URL}. With a receiver URL, reports go to the receiver; otherwise
 * straight to Telegram.
 */
public final class JahizSettings {
  public static final String ENV_BOT_TOKEN = "TELEGRAM_BOT_TOKEN";
  public static final String ENV_CHAT_ID = "TELEGRAM_CHAT_ID";
  public static final String ENV_WEBHOOK_SECRET = "WEBHOOK_SECRET";
  public static final String ENV_RECEIVER_URL = "JAHIZ_RECEIVER_URL";
  public static final String ENV_TELEGRAM_API_URL = "JAHIZ_TELEGRAM_API_URL";

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h|millis|seconds?|minutes?|hours?)?");

  /** Which way reports leave the app. */
  public enum Destination {
    TELEGRAM,
    RECEIVER
  }

  private final Destination destination;
  /** Opens the transport, reporting to the given listener: nothing is opened before start. */
  private final Function<StatusListener, Transport> transport;
  private final String description;
  private final JahizClient.Builder client;
  private final boolean deviceInfo;

  private JahizSettings(Destination destination, Function<StatusListener, Transport> transport, String description,
      JahizClient.Builder client, boolean deviceInfo) {
    this.destination = destination;
    this.transport = transport;
    this.description = description;
    this.client = client;
    this.deviceInfo = deviceInfo;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Destination destination() {
    return destination;
  }

  /**
   * Opens the transport and starts the pipeline's threads (and the device sampler, when on); all
   * of Jahiz's own diagnostics, the transport's included, go to {@code status}. Settings that are
   * never started hold nothing that needs closing.
   */
  public JahizClient startClient(StatusListener status) {
    JahizClient.Builder started = client.transport(transport.apply(status)).status(status);
    if (deviceInfo) {
      started.ownedDeviceInfo(SampledDeviceInfo.start(SampledDeviceInfo.DEFAULT_PERIOD, status));
    }
    return started.build();
  }

  @Override
  public String toString() {
    return "JahizSettings(" + description + ")";
  }

  /**
   * The one reading of an on/off option, for every appender and the agent: {@code true}, {@code
   * yes}, {@code on} or {@code false}, {@code no}, {@code off}, any case; blank gives {@code
   * fallback}. Anything else joins {@code problems}, naming the option, and gives {@code fallback}.
   */
  public static boolean flag(String value, boolean fallback, String option, List<String> problems) {
    return Builder.parseBoolean(value, fallback, option, problems);
  }

  /** Collects options as strings; {@link #build()} checks them all and names every problem. */
  public static final class Builder {
    private UnaryOperator<String> env = System::getenv;
    private String botToken;
    private String chatId;
    private String messageThreadId;
    private String telegramApiUrl;
    private String proxy;
    private String silentBelow;
    private String sendFullTraceAsDocument;
    private String receiverUrl;
    private String webhookSecret;
    private String appName;
    private String appVersion;
    private String environment;
    private String serviceName;
    private final List<String> tags = new ArrayList<>();
    private final List<String> ignore = new ArrayList<>();
    private String queueCapacity;
    private String queueBytes;
    private String groupingWindow;
    private String closeTimeout;
    private String maxAttempts;
    private String maxMessagesPerMinute;
    private String deviceInfo;
    private String applicationPackages;
    private String spool;
    private String spoolDir;
    private String spoolBytes;

    private Builder() {}

    /** Where unset options are looked up (the process environment by default). */
    public Builder environmentVariables(UnaryOperator<String> env) {
      this.env = env;
      return this;
    }

    public Builder botToken(String v) {
      botToken = v;
      return this;
    }

    public Builder chatId(String v) {
      chatId = v;
      return this;
    }

    public Builder messageThreadId(String v) {
      messageThreadId = v;
      return this;
    }

    public Builder telegramApiUrl(String v) {
      telegramApiUrl = v;
      return this;
    }

    /** {@code http://host:port} or {@code socks://host:port}. */
    public Builder proxy(String v) {
      proxy = v;
      return this;
    }

    /** Reports below this severity arrive silently, e.g. {@code error} silences warnings and infos. */
    public Builder silentBelow(String v) {
      silentBelow = v;
      return this;
    }

    public Builder sendFullTraceAsDocument(String v) {
      sendFullTraceAsDocument = v;
      return this;
    }

    public Builder receiverUrl(String v) {
      receiverUrl = v;
      return this;
    }

    public Builder webhookSecret(String v) {
      webhookSecret = v;
      return this;
    }

    public Builder appName(String v) {
      appName = v;
      return this;
    }

    public Builder appVersion(String v) {
      appVersion = v;
      return this;
    }

    public Builder environment(String v) {
      environment = v;
      return this;
    }

    public Builder serviceName(String v) {
      serviceName = v;
      return this;
    }

    /**
     * An ignore rule ({@link IgnoreRule}), e.g. {@code environment=production && message~(?i)test};
     * {@code ;} separates several. Matching reports are counted as filtered, not sent.
     */
    public Builder ignore(String v) {
      if (v != null && !v.isBlank()) {
        ignore.add(v);
      }
      return this;
    }

    /** {@code key=value}, or a bare {@code key}; commas separate several. */
    public Builder tag(String v) {
      if (v != null) {
        tags.addAll(Arrays.asList(v.split(",")));
      }
      return this;
    }

    public Builder queueCapacity(String v) {
      queueCapacity = v;
      return this;
    }

    public Builder queueBytes(String v) {
      queueBytes = v;
      return this;
    }

    /** {@code 60s}, {@code 5m}, {@code 500ms}, ISO {@code PT1M}, or plain seconds. */
    public Builder groupingWindow(String v) {
      groupingWindow = v;
      return this;
    }

    public Builder closeTimeout(String v) {
      closeTimeout = v;
      return this;
    }

    public Builder maxAttempts(String v) {
      maxAttempts = v;
      return this;
    }

    /** A limit of your own on messages a minute, below Telegram's 20 a minute per group. */
    public Builder maxMessagesPerMinute(String v) {
      maxMessagesPerMinute = v;
      return this;
    }

    public Builder deviceInfo(String v) {
      deviceInfo = v;
      return this;
    }

    /** Comma-separated packages that are the application's own, for locations and fingerprints. */
    public Builder applicationPackages(String v) {
      applicationPackages = v;
      return this;
    }

    /** Whether undelivered reports are kept on disk for the next start (true by default). */
    public Builder spool(String v) {
      spool = v;
      return this;
    }

    /** The spool folder; by default one per app and destination under the system temporary directory. */
    public Builder spoolDir(String v) {
      spoolDir = v;
      return this;
    }

    /** Most bytes kept in the spool (default 4 MiB); the oldest reports go first. */
    public Builder spoolBytes(String v) {
      spoolBytes = v;
      return this;
    }

    public JahizSettings build() throws InvalidSettingsException {
      List<String> problems = new ArrayList<>();
      String token = orEnv(botToken, ENV_BOT_TOKEN);
      String chat = orEnv(chatId, ENV_CHAT_ID);
      String receiver = orEnv(receiverUrl, ENV_RECEIVER_URL);
      String secret = orEnv(webhookSecret, ENV_WEBHOOK_SECRET);
      String apiUrl = orEnv(telegramApiUrl, ENV_TELEGRAM_API_URL);

      if (!blank(receiverUrl) && !blank(botToken)) {
        problems.add("both receiverUrl and botToken are set: choose one destination (a receiver holds the bot token itself)");
      }
      Destination destination = receiver != null ? Destination.RECEIVER : Destination.TELEGRAM;
      Proxy proxy = parseProxy(problems);
      StackFrames frames = stackFrames();
      Function<StatusListener, Transport> transport = null;
      String description = null;
      if (destination == Destination.RECEIVER) {
        if (secret == null) {
          problems.add("webhookSecret is missing: a receiver needs the shared secret (set WEBHOOK_SECRET)");
        } else {
          try {
            WebhookTransport.Builder webhook =
                WebhookTransport.builder().receiverUrl(receiver).secret(secret).proxy(proxy).validate();
            transport = status -> webhook.build();
            description = webhook.describe();
          } catch (IllegalArgumentException e) {
            problems.add("receiverUrl: " + e.getMessage());
          }
        }
      } else if (token == null && chat == null) {
        problems.add("no destination: set botToken and chatId (or TELEGRAM_BOT_TOKEN and TELEGRAM_CHAT_ID),"
            + " or receiverUrl and webhookSecret (or JAHIZ_RECEIVER_URL and WEBHOOK_SECRET)");
      } else {
        TelegramTransport.Builder telegram = TelegramTransport.builder().botToken(token).chatId(chat)
            .renderer(TelegramRenderer.create(frames));
        try {
          if (apiUrl != null) {
            telegram.apiBaseUrl(apiUrl);
          }
        } catch (IllegalArgumentException e) {
          problems.add("telegramApiUrl: " + e.getMessage());
        }
        Long thread = parseLong(messageThreadId, "messageThreadId", problems);
        telegram.messageThreadId(thread);
        telegram.proxy(proxy);
        if (!blank(silentBelow)) {
          try {
            telegram.silentBelow(Severity.fromWire(silentBelow.trim().toLowerCase(Locale.ROOT)));
          } catch (IllegalArgumentException e) {
            problems.add("silentBelow: " + e.getMessage());
          }
        }
        telegram.sendFullTraceAsDocument(parseBoolean(sendFullTraceAsDocument, false, "sendFullTraceAsDocument", problems));
        try {
          telegram.validate();
          transport = status -> telegram.status(status).build();
          description = telegram.describe();
        } catch (IllegalArgumentException e) {
          problems.add(e.getMessage());
        }
      }

      ReportDefaults.Builder defaults = ReportDefaults.builder().appName(appName).appVersion(appVersion)
          .environment(environment).serviceName(serviceName);
      for (Map.Entry<String, String> tag : parseTags(problems).entrySet()) {
        defaults.tag(tag.getKey(), tag.getValue());
      }
      Integer capacity = parseInt(queueCapacity, "queueCapacity", problems);
      Long bytes = parseLong(queueBytes, "queueBytes", problems);
      Duration window = parseDuration(groupingWindow, "groupingWindow", problems);
      Duration close = parseDuration(closeTimeout, "closeTimeout", problems);
      Integer attempts = parseInt(maxAttempts, "maxAttempts", problems);
      Integer perMinute = parseInt(maxMessagesPerMinute, "maxMessagesPerMinute", problems);
      if (perMinute != null && perMinute < 1) {
        problems.add("maxMessagesPerMinute must be at least 1, was: " + maxMessagesPerMinute);
      }
      boolean device = parseBoolean(deviceInfo, true, "deviceInfo", problems);
      IgnoreRules rules = IgnoreRules.none();
      for (String rule : ignore) {
        try {
          rules = rules.and(IgnoreRules.parse(rule));
        } catch (IllegalArgumentException e) {
          problems.add("ignore: " + e.getMessage());
        }
      }
      boolean spooling = parseBoolean(spool, true, "spool", problems);
      Long spoolMax = parseLong(spoolBytes, "spoolBytes", problems);
      Path spoolFolder = null;
      if (spooling) {
        try {
          spoolFolder = blank(spoolDir) ? Spool.defaultDirectory(appName, destination == Destination.RECEIVER
              ? "receiver " + receiver : "telegram " + (apiUrl == null ? TelegramTransport.DEFAULT_API_URL : apiUrl)
              + " " + chat + " " + messageThreadId) : Path.of(spoolDir.trim());
        } catch (InvalidPathException e) {
          problems.add("spoolDir is not a valid path: " + spoolDir);
        }
      }

      if (!problems.isEmpty()) {
        throw new InvalidSettingsException(problems);
      }
      JahizClient.Builder client = JahizClient.builder().defaults(defaults.build()).ignore(rules);
      try {
        if (capacity != null) {
          client.queueCapacity(capacity);
        }
        if (bytes != null) {
          client.queueBytes(bytes);
        }
        if (window != null) {
          client.groupingWindow(window);
        }
        if (close != null) {
          client.closeTimeout(close);
        }
        if (attempts != null) {
          client.maxAttempts(attempts);
        }
        if (perMinute != null) {
          client.pacing(Pacing.perMinute(perMinute));
        }
        client.spool(spoolFolder);
        if (spoolMax != null) {
          client.spoolBytes(spoolMax);
        }
      } catch (IllegalArgumentException e) {
        throw new InvalidSettingsException(List.of(e.getMessage()));
      }
      client.stackFrames(frames);
      return new JahizSettings(destination, transport, description, client, device);
    }

    /** The configured application packages, else those this JVM tells (its main class). */
    private StackFrames stackFrames() {
      if (blank(applicationPackages)) {
        return StackFrames.forThisApplication();
      }
      List<String> packages = new ArrayList<>();
      for (String p : applicationPackages.split(",")) {
        if (!p.isBlank()) {
          packages.add(p.trim());
        }
      }
      return StackFrames.forApplicationPackages(packages);
    }

    private String orEnv(String value, String variable) {
      if (!blank(value)) {
        return value.trim();
      }
      String fromEnv = env.apply(variable);
      return blank(fromEnv) ? null : fromEnv.trim();
    }

    private Map<String, String> parseTags(List<String> problems) {
      Map<String, String> out = new LinkedHashMap<>();
      for (String raw : tags) {
        String t = raw.trim();
        if (t.isEmpty()) {
          continue;
        }
        int eq = t.indexOf('=');
        String key = eq < 0 ? t : t.substring(0, eq).trim();
        if (key.isEmpty()) {
          problems.add("tag '" + t + "' has no key: write key=value or key");
          continue;
        }
        out.put(key, eq < 0 ? "" : t.substring(eq + 1).trim());
      }
      return out;
    }

    private Proxy parseProxy(List<String> problems) {
      if (blank(proxy)) {
        return null;
      }
      try {
        URI uri = URI.create(proxy.trim());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || uri.getPort() < 0 || !(scheme.startsWith("http") || scheme.startsWith("socks"))) {
          throw new IllegalArgumentException();
        }
        Proxy.Type type = scheme.startsWith("socks") ? Proxy.Type.SOCKS : Proxy.Type.HTTP;
        return new Proxy(type, InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort()));
      } catch (IllegalArgumentException e) {
        problems.add("proxy must look like http://host:port or socks://host:port, was: " + proxy);
        return null;
      }
    }

    static Long parseLong(String value, String name, List<String> problems) {
      if (blank(value)) {
        return null;
      }
      try {
        return Long.parseLong(value.trim().replace("_", ""));
      } catch (NumberFormatException e) {
        problems.add(name + " must be a whole number, was: " + value);
        return null;
      }
    }

    static Integer parseInt(String value, String name, List<String> problems) {
      Long n = parseLong(value, name, problems);
      if (n != null && (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE)) {
        problems.add(name + " is too large, was: " + value);
        return null;
      }
      return n == null ? null : n.intValue();
    }

    static boolean parseBoolean(String value, boolean fallback, String name, List<String> problems) {
      if (blank(value)) {
        return fallback;
      }
      String v = value.trim().toLowerCase(Locale.ROOT);
      if (v.equals("true") || v.equals("yes") || v.equals("on")) {
        return true;
      }
      if (v.equals("false") || v.equals("no") || v.equals("off")) {
        return false;
      }
      problems.add(name + " must be true or false, was: " + value);
      return fallback;
    }

    static Duration parseDuration(String value, String name, List<String> problems) {
      if (blank(value)) {
        return null;
      }
      String v = value.trim().toLowerCase(Locale.ROOT);
      try {
        if (v.startsWith("pt") || v.startsWith("p")) {
          return Duration.parse(v.toUpperCase(Locale.ROOT));
        }
      } catch (RuntimeException e) {
        problems.add(name + " must be a duration such as 60s, 5m, 500ms or PT1M, was: " + value);
        return null;
      }
      Matcher m = DURATION.matcher(v);
      if (!m.matches()) {
        problems.add(name + " must be a duration such as 60s, 5m, 500ms or PT1M, was: " + value);
        return null;
      }
      try {
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        if (unit.startsWith("ms") || unit.startsWith("milli")) {
          return Duration.ofMillis(n);
        }
        if (unit.equals("m") || unit.startsWith("min")) {
          return Duration.ofMinutes(n);
        }
        if (unit.startsWith("h")) {
          return Duration.ofHours(n);
        }
        return Duration.ofSeconds(n);
      } catch (ArithmeticException | NumberFormatException tooLarge) {
        problems.add(name + " is too large, was: " + value);
        return null;
      }
    }

    private static boolean blank(String s) {
      return s == null || s.isBlank();
    }

    @Override
    public String toString() {
      return "JahizSettings.Builder(chatId=" + chatId + ", receiverUrl=" + receiverUrl + ", botToken=***, webhookSecret=***)";
    }
  }
}
