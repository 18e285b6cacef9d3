package dev.jahiz.config;

import static dev.jahiz.config.JahizOption.*;

import dev.jahiz.filter.IgnoreRules;
import dev.jahiz.StatusListener;
import dev.jahiz.client.JahizClient;
import dev.jahiz.client.ReportDefaults;
import dev.jahiz.delivery.Pacing;
import dev.jahiz.delivery.Transport;
import dev.jahiz.device.SampledDeviceInfo;
import dev.jahiz.fingerprint.StackFrames;
import dev.jahiz.logging.EventMapping;
import dev.jahiz.spool.Spool;
import dev.jahiz.report.Severity;
import dev.jahiz.telegram.TelegramRenderer;
import dev.jahiz.telegram.TelegramTransport;
import dev.jahiz.webhook.WebhookTransport;
import java.net.Proxy;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
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
  private final EventMapping eventMapping;
  private final String minimumLevel;
  private final boolean includeCallerData;

  private JahizSettings(Destination destination, Function<StatusListener, Transport> transport, String description,
      JahizClient.Builder client, boolean deviceInfo, EventMapping eventMapping, String minimumLevel,
      boolean includeCallerData) {
    this.destination = destination;
    this.transport = transport;
    this.description = description;
    this.client = client;
    this.deviceInfo = deviceInfo;
    this.eventMapping = eventMapping;
    this.minimumLevel = minimumLevel;
    this.includeCallerData = includeCallerData;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Destination destination() {
    return destination;
  }

  /** How log events become reports: the MDC keys, tags and metadata options. */
  public EventMapping eventMapping() {
    return eventMapping;
  }

  /** The least severe level reported: FATAL, ERROR, WARN, INFO, DEBUG or TRACE (upper case). */
  public String minimumLevel() {
    return minimumLevel;
  }

  /** Whether events without a throwable get the logging call's file and line. */
  public boolean includeCallerData() {
    return includeCallerData;
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
    return OptionValues.parseFlag(value, fallback, option, problems);
  }

  /**
   * Collects options as text, by {@link JahizOption}; {@link #build()} checks them all and names
   * every problem.
   */
  public static final class Builder {
    private UnaryOperator<String> env = System::getenv;
    private final Map<JahizOption, String> values = new EnumMap<>(JahizOption.class);

    private Builder() {}

    /** Where unset options are looked up (the process environment by default). */
    public Builder environmentVariables(UnaryOperator<String> env) {
      this.env = env;
      return this;
    }

    /**
     * Sets an option as text, exactly as a logging config hands it over; null or blank leaves it
     * unset. A {@linkplain JahizOption#repeatable() repeatable} option given again adds to it.
     */
    public Builder set(JahizOption option, String value) {
      if (value == null || value.isBlank()) {
        return this;
      }
      String previous = values.get(option);
      values.put(option, previous != null && option.repeatable()
          ? previous + option.separator() + value : value);
      return this;
    }

    /**
     * Sets an option by any of its spellings ({@link JahizOption#named}).
     *
     * @throws IllegalArgumentException naming the option when Jahiz has none of that name
     */
    public Builder set(String name, String value) {
      JahizOption option = JahizOption.named(name)
          .orElseThrow(() -> new IllegalArgumentException(name + " is not a Jahiz option"));
      return set(option, value);
    }

    public JahizSettings build() throws InvalidSettingsException {
      List<String> problems = new ArrayList<>();
      OptionValues o = new OptionValues(new EnumMap<>(values), env, problems);
      String token = o.text(BOT_TOKEN);
      String chat = o.text(CHAT_ID);
      String receiver = o.text(RECEIVER_URL);
      String apiUrl = o.text(TELEGRAM_API_URL);
      if (o.given(RECEIVER_URL) && o.given(BOT_TOKEN)) {
        problems.add("both receiverUrl and botToken are set: choose one destination (a receiver holds the bot token itself)");
      }
      Destination destination = receiver != null ? Destination.RECEIVER : Destination.TELEGRAM;
      Proxy proxy = o.proxy(PROXY);
      StackFrames frames = stackFrames(o.list(APPLICATION_PACKAGES));
      Function<StatusListener, Transport> transport = null;
      String description = null;
      if (destination == Destination.RECEIVER) {
        String secret = o.text(WEBHOOK_SECRET);
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
        telegram.messageThreadId(o.wholeNumber(MESSAGE_THREAD_ID));
        telegram.proxy(proxy);
        String silentBelow = o.text(SILENT_BELOW);
        if (silentBelow != null) {
          try {
            telegram.silentBelow(Severity.fromWire(silentBelow.toLowerCase(Locale.ROOT)));
          } catch (IllegalArgumentException e) {
            problems.add("silentBelow: " + e.getMessage());
          }
        }
        telegram.sendFullTraceAsDocument(o.flag(SEND_FULL_TRACE_AS_DOCUMENT));
        try {
          telegram.validate();
          transport = status -> telegram.status(status).build();
          description = telegram.describe();
        } catch (IllegalArgumentException e) {
          problems.add(e.getMessage());
        }
      }

      String appName = o.text(APP_NAME);
      ReportDefaults.Builder defaults = ReportDefaults.builder().appName(appName).appVersion(o.text(APP_VERSION))
          .environment(o.text(ENVIRONMENT)).serviceName(o.text(SERVICE_NAME));
      for (Map.Entry<String, String> tag : o.keyValues(TAGS).entrySet()) {
        defaults.tag(tag.getKey(), tag.getValue());
      }
      Integer capacity = o.smallWholeNumber(QUEUE_CAPACITY);
      Long bytes = o.wholeNumber(QUEUE_BYTES);
      Duration window = o.duration(GROUPING_WINDOW);
      Duration close = o.duration(CLOSE_TIMEOUT);
      Integer attempts = o.smallWholeNumber(MAX_ATTEMPTS);
      Integer perMinute = o.smallWholeNumber(MAX_MESSAGES_PER_MINUTE);
      if (perMinute != null && perMinute < 1) {
        problems.add("maxMessagesPerMinute must be at least 1, was: " + perMinute);
      }
      boolean device = o.flag(DEVICE_INFO);
      IgnoreRules rules = IgnoreRules.none();
      for (String rule : o.list(IGNORE)) {
        try {
          rules = rules.and(IgnoreRules.parse(rule));
        } catch (IllegalArgumentException e) {
          problems.add("ignore: " + e.getMessage());
        }
      }
      Long spoolMax = o.wholeNumber(SPOOL_BYTES);
      Path spoolFolder = null;
      if (o.flag(SPOOL)) {
        String spoolDir = o.text(SPOOL_DIR);
        try {
          spoolFolder = spoolDir == null ? Spool.defaultDirectory(appName, destination == Destination.RECEIVER
              ? "receiver " + receiver : "telegram " + (apiUrl == null ? TelegramTransport.DEFAULT_API_URL : apiUrl)
              + " " + chat + " " + o.text(MESSAGE_THREAD_ID)) : Path.of(spoolDir);
        } catch (InvalidPathException e) {
          problems.add("spoolDir is not a valid path: " + spoolDir);
        }
      }
      String minimumLevel = o.level(MINIMUM_LEVEL);
      boolean callerData = o.flag(INCLUDE_CALLER_DATA);
      EventMapping mapping = eventMapping(o);

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
      return new JahizSettings(destination, transport, description, client, device, mapping, minimumLevel, callerData);
    }

    private static EventMapping eventMapping(OptionValues o) {
      EventMapping.Builder mapping = EventMapping.builder()
          .userIdKey(o.textOrDefault(USER_ID_KEY))
          .usernameKey(o.textOrDefault(USERNAME_KEY))
          .emailKey(o.textOrDefault(EMAIL_KEY))
          .sessionIdKey(o.textOrDefault(SESSION_ID_KEY))
          .ipAddressKey(o.textOrDefault(IP_ADDRESS_KEY))
          .requestUrlKey(o.textOrDefault(REQUEST_URL_KEY))
          .requestMethodKey(o.textOrDefault(REQUEST_METHOD_KEY))
          .responseStatusKey(o.textOrDefault(RESPONSE_STATUS_KEY))
          .otherMdcToMetadata(o.flag(OTHER_MDC_TO_METADATA));
      for (String key : o.list(MDC_TAGS)) {
        mapping.addTagKey(key);
      }
      return mapping.build();
    }

    /** The configured application packages, else those this JVM tells (its main class). */
    private static StackFrames stackFrames(List<String> packages) {
      return packages.isEmpty() ? StackFrames.forThisApplication() : StackFrames.forApplicationPackages(packages);
    }

    @Override
    public String toString() {
      return "JahizSettings.Builder(chatId=" + values.get(CHAT_ID) + ", receiverUrl=" + values.get(RECEIVER_URL)
          + ", botToken=***, webhookSecret=***)";
    }
  }
}
