package dev.jahiz.log4j2;

import dev.jahiz.config.InvalidSettingsException;
import dev.jahiz.config.JahizSettings;
import dev.jahiz.logging.EventMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.status.StatusLogger;

/**
 * The attributes of {@code <Jahiz>}. Every option is text, exactly as {@link JahizSettings} reads
 * it, so it means the same as in {@code logback.xml}. Unset options fall back to the environment
 * variables {@code TELEGRAM_BOT_TOKEN}, {@code TELEGRAM_CHAT_ID}, {@code WEBHOOK_SECRET}, {@code
 * JAHIZ_RECEIVER_URL} and {@code JAHIZ_TELEGRAM_API_URL}.
 *
 * <p>Static tags come from {@code tags="team=backend,region=eu"} and from nested {@code <Property
 * name="team" value="backend"/>} elements.
 *
 * <p>Settings that cannot work make {@link #build()} return null after an ERROR on Log4j's
 * StatusLogger naming each bad setting: Log4j then leaves the appender out and the app runs on.
 */
public final class JahizAppenderBuilder extends AbstractAppender.Builder<JahizAppenderBuilder>
    implements org.apache.logging.log4j.core.util.Builder<JahizAppender> {
  /** What Log4j leaves in place of a lookup it could not resolve, such as an unset ${env:X}. */
  private static final Pattern UNRESOLVED = Pattern.compile("\\$\\{[^}]*}");
  private static final Logger LOGGER = StatusLogger.getLogger();

  // sensitive: Log4j's debug status output prints attribute values unless told not to.
  @PluginBuilderAttribute(sensitive = true)
  private String botToken;

  @PluginBuilderAttribute
  private String chatId;

  @PluginBuilderAttribute
  private String messageThreadId;

  @PluginBuilderAttribute
  private String telegramApiUrl;

  @PluginBuilderAttribute
  private String proxy;

  @PluginBuilderAttribute
  private String silentBelow;

  @PluginBuilderAttribute
  private String sendFullTraceAsDocument;

  @PluginBuilderAttribute
  private String receiverUrl;

  @PluginBuilderAttribute(sensitive = true)
  private String webhookSecret;

  @PluginBuilderAttribute
  private String appName;

  @PluginBuilderAttribute
  private String appVersion;

  @PluginBuilderAttribute
  private String environment;

  @PluginBuilderAttribute
  private String serviceName;

  @PluginBuilderAttribute
  private String tags;

  /** Ignore rules, {@code ;}-separated (a comma may be part of a regex): matching events are counted, not sent. */
  @PluginBuilderAttribute
  private String ignore;

  @PluginBuilderAttribute
  private String queueCapacity;

  @PluginBuilderAttribute
  private String queueBytes;

  @PluginBuilderAttribute
  private String groupingWindow;

  @PluginBuilderAttribute
  private String closeTimeout;

  @PluginBuilderAttribute
  private String maxAttempts;

  @PluginBuilderAttribute
  private String maxMessagesPerMinute;

  @PluginBuilderAttribute
  private String deviceInfo;

  @PluginBuilderAttribute
  private String applicationPackages;

  @PluginBuilderAttribute
  private String spool;

  @PluginBuilderAttribute
  private String spoolDir;

  @PluginBuilderAttribute
  private String spoolBytes;

  /** The least severe level reported; ERROR by default. Log4j filters narrow it further. */
  @PluginBuilderAttribute
  private String minimumLevel;

  /** Location from the logging call when there is no throwable: costly, so off by default. */
  @PluginBuilderAttribute
  private String includeCallerData;

  // ThreadContext keys, defaulting to the report schema's own names.
  @PluginBuilderAttribute
  private String userIdKey;

  @PluginBuilderAttribute
  private String usernameKey;

  @PluginBuilderAttribute
  private String emailKey;

  @PluginBuilderAttribute
  private String sessionIdKey;

  @PluginBuilderAttribute
  private String ipAddressKey;

  @PluginBuilderAttribute
  private String requestUrlKey;

  @PluginBuilderAttribute
  private String requestMethodKey;

  @PluginBuilderAttribute
  private String responseStatusKey;

  /** ThreadContext keys whose values become tags, comma-separated. */
  @PluginBuilderAttribute
  private String mdcTags;

  /** Whether other ThreadContext entries go to metadata; true by default. */
  @PluginBuilderAttribute
  private String otherMdcToMetadata;

  JahizAppenderBuilder() {}

  /**
   * Never throws, whatever the Log4j version: a failure is told once on the StatusLogger and the
   * appender is left out, as for a bad setting.
   */
  @Override
  public JahizAppender build() {
    JahizAppender[] built = new JahizAppender[1];
    JahizAppender.guard(getName()).run("be created", () -> built[0] = buildChecked());
    return built[0];
  }

  private JahizAppender buildChecked() {
    String name = getName();
    List<String> problems = new ArrayList<>();
    Level minimum = parseLevel(problems);
    boolean caller = JahizSettings.flag(includeCallerData, false, "includeCallerData", problems);
    boolean otherToMetadata = JahizSettings.flag(otherMdcToMetadata, true, "otherMdcToMetadata", problems);
    JahizSettings settings = null;
    try {
      settings = settings().build();
    } catch (InvalidSettingsException e) {
      problems.addAll(e.problems());
    }
    if (name == null || name.isBlank()) {
      problems.add("name is missing");
    }
    if (!problems.isEmpty()) {
      // Each problem on its own line, so the one that matters is easy to find in a status dump.
      // Nothing configured at all (a laptop, a CI job) is a WARN: Jahiz is simply off there.
      boolean notConfigured = problems.size() == 1 && problems.get(0).startsWith("no destination");
      LOGGER.log(notConfigured ? Level.WARN : Level.ERROR,
          "Jahiz appender '{}' is not started, its configuration cannot work:\n  - {}", name,
          String.join("\n  - ", problems));
      return null;
    }
    LogEventReader reader = new LogEventReader(mapping(otherToMetadata), caller);
    return new JahizAppender(name, getFilter(), getLayout(), isIgnoreExceptions(), getPropertyArray(), settings,
        reader, minimum);
  }

  private JahizSettings.Builder settings() {
    JahizSettings.Builder s = JahizSettings.builder()
        .botToken(set(botToken, "botToken"))
        .chatId(set(chatId, "chatId"))
        .messageThreadId(set(messageThreadId, "messageThreadId"))
        .telegramApiUrl(set(telegramApiUrl, "telegramApiUrl"))
        .proxy(set(proxy, "proxy"))
        .silentBelow(set(silentBelow, "silentBelow"))
        .sendFullTraceAsDocument(set(sendFullTraceAsDocument, "sendFullTraceAsDocument"))
        .receiverUrl(set(receiverUrl, "receiverUrl"))
        .webhookSecret(set(webhookSecret, "webhookSecret"))
        .appName(set(appName, "appName"))
        .appVersion(set(appVersion, "appVersion"))
        .environment(set(environment, "environment"))
        .serviceName(set(serviceName, "serviceName"))
        .tag(set(tags, "tags"))
        .ignore(set(ignore, "ignore"))
        .queueCapacity(set(queueCapacity, "queueCapacity"))
        .queueBytes(set(queueBytes, "queueBytes"))
        .groupingWindow(set(groupingWindow, "groupingWindow"))
        .closeTimeout(set(closeTimeout, "closeTimeout"))
        .maxAttempts(set(maxAttempts, "maxAttempts"))
        .maxMessagesPerMinute(set(maxMessagesPerMinute, "maxMessagesPerMinute"))
        .deviceInfo(set(deviceInfo, "deviceInfo"))
        .applicationPackages(set(applicationPackages, "applicationPackages"))
        .spool(set(spool, "spool"))
        .spoolDir(set(spoolDir, "spoolDir"))
        .spoolBytes(set(spoolBytes, "spoolBytes"));
    Property[] properties = getPropertyArray();
    if (properties != null) {
      for (Property p : properties) {
        String value = valueOf(p);
        s.tag(value.isEmpty() ? p.getName() : p.getName() + "=" + value);
      }
    }
    return s;
  }

  /**
   * Log4j before 2.19 or so hands {@code <Property name="k" value="v"/>} over with the value only in
   * the raw value (its two @PluginValue parameters compete for the one attribute), so the value
   * is resolved from there when it comes back empty.
   */
  private String valueOf(Property p) {
    String value = p.getValue();
    if (value != null && !value.isEmpty()) {
      return value;
    }
    String raw = p.getRawValue();
    if (raw == null || raw.isEmpty()) {
      return "";
    }
    Configuration configuration = getConfiguration();
    return configuration == null ? raw : configuration.getStrSubstitutor().replace(raw);
  }

  private EventMapping mapping(boolean otherToMetadata) {
    EventMapping.Builder m = EventMapping.builder().otherMdcToMetadata(otherToMetadata);
    if (present(userIdKey)) {
      m.userIdKey(userIdKey.trim());
    }
    if (present(usernameKey)) {
      m.usernameKey(usernameKey.trim());
    }
    if (present(emailKey)) {
      m.emailKey(emailKey.trim());
    }
    if (present(sessionIdKey)) {
      m.sessionIdKey(sessionIdKey.trim());
    }
    if (present(ipAddressKey)) {
      m.ipAddressKey(ipAddressKey.trim());
    }
    if (present(requestUrlKey)) {
      m.requestUrlKey(requestUrlKey.trim());
    }
    if (present(requestMethodKey)) {
      m.requestMethodKey(requestMethodKey.trim());
    }
    if (present(responseStatusKey)) {
      m.responseStatusKey(responseStatusKey.trim());
    }
    if (present(mdcTags)) {
      for (String key : mdcTags.split(",")) {
        m.addTagKey(key);
      }
    }
    return m.build();
  }

  /**
   * Unresolved lookups count as unset, so {@code botToken="${env:TELEGRAM_BOT_TOKEN}"} without the
   * variable is "no token" rather than a token that Telegram rejects at the first error. Said on
   * the StatusLogger, by name only: the value may be half a secret.
   */
  private String set(String value, String setting) {
    if (value != null && UNRESOLVED.matcher(value).find()) {
      LOGGER.warn("Jahiz appender '{}': {} has an unresolved lookup, treated as unset", getName(), setting);
      return null;
    }
    return value;
  }

  private Level parseLevel(List<String> problems) {
    if (!present(minimumLevel)) {
      return Level.ERROR;
    }
    Level parsed = Level.getLevel(minimumLevel.trim().toUpperCase(Locale.ROOT));
    if (parsed == null) {
      problems.add("minimumLevel must be a Log4j level such as ERROR, WARN or FATAL, was: " + minimumLevel);
      return Level.ERROR;
    }
    return parsed;
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  // Setters for programmatic configuration; Log4j sets the fields itself.

  public JahizAppenderBuilder setBotToken(String v) {
    botToken = v;
    return this;
  }

  public JahizAppenderBuilder setChatId(String v) {
    chatId = v;
    return this;
  }

  public JahizAppenderBuilder setMessageThreadId(String v) {
    messageThreadId = v;
    return this;
  }

  public JahizAppenderBuilder setTelegramApiUrl(String v) {
    telegramApiUrl = v;
    return this;
  }

  public JahizAppenderBuilder setProxy(String v) {
    proxy = v;
    return this;
  }

  public JahizAppenderBuilder setSilentBelow(String v) {
    silentBelow = v;
    return this;
  }

  public JahizAppenderBuilder setSendFullTraceAsDocument(String v) {
    sendFullTraceAsDocument = v;
    return this;
  }

  public JahizAppenderBuilder setReceiverUrl(String v) {
    receiverUrl = v;
    return this;
  }

  public JahizAppenderBuilder setWebhookSecret(String v) {
    webhookSecret = v;
    return this;
  }

  public JahizAppenderBuilder setAppName(String v) {
    appName = v;
    return this;
  }

  public JahizAppenderBuilder setAppVersion(String v) {
    appVersion = v;
    return this;
  }

  public JahizAppenderBuilder setEnvironment(String v) {
    environment = v;
    return this;
  }

  public JahizAppenderBuilder setServiceName(String v) {
    serviceName = v;
    return this;
  }

  public JahizAppenderBuilder setTags(String v) {
    tags = v;
    return this;
  }

  public JahizAppenderBuilder setIgnore(String v) {
    ignore = v;
    return this;
  }

  public JahizAppenderBuilder setQueueCapacity(String v) {
    queueCapacity = v;
    return this;
  }

  public JahizAppenderBuilder setQueueBytes(String v) {
    queueBytes = v;
    return this;
  }

  public JahizAppenderBuilder setGroupingWindow(String v) {
    groupingWindow = v;
    return this;
  }

  public JahizAppenderBuilder setCloseTimeout(String v) {
    closeTimeout = v;
    return this;
  }

  public JahizAppenderBuilder setMaxAttempts(String v) {
    maxAttempts = v;
    return this;
  }

  public JahizAppenderBuilder setMaxMessagesPerMinute(String v) {
    maxMessagesPerMinute = v;
    return this;
  }

  public JahizAppenderBuilder setDeviceInfo(String v) {
    deviceInfo = v;
    return this;
  }

  public JahizAppenderBuilder setApplicationPackages(String v) {
    applicationPackages = v;
    return this;
  }

  public JahizAppenderBuilder setSpool(String v) {
    spool = v;
    return this;
  }

  public JahizAppenderBuilder setSpoolDir(String v) {
    spoolDir = v;
    return this;
  }

  public JahizAppenderBuilder setSpoolBytes(String v) {
    spoolBytes = v;
    return this;
  }

  public JahizAppenderBuilder setMinimumLevel(String v) {
    minimumLevel = v;
    return this;
  }

  public JahizAppenderBuilder setIncludeCallerData(String v) {
    includeCallerData = v;
    return this;
  }

  public JahizAppenderBuilder setUserIdKey(String v) {
    userIdKey = v;
    return this;
  }

  public JahizAppenderBuilder setUsernameKey(String v) {
    usernameKey = v;
    return this;
  }

  public JahizAppenderBuilder setEmailKey(String v) {
    emailKey = v;
    return this;
  }

  public JahizAppenderBuilder setSessionIdKey(String v) {
    sessionIdKey = v;
    return this;
  }

  public JahizAppenderBuilder setIpAddressKey(String v) {
    ipAddressKey = v;
    return this;
  }

  public JahizAppenderBuilder setRequestUrlKey(String v) {
    requestUrlKey = v;
    return this;
  }

  public JahizAppenderBuilder setRequestMethodKey(String v) {
    requestMethodKey = v;
    return this;
  }

  public JahizAppenderBuilder setResponseStatusKey(String v) {
    responseStatusKey = v;
    return this;
  }

  public JahizAppenderBuilder setMdcTags(String v) {
    mdcTags = v;
    return this;
  }

  public JahizAppenderBuilder setOtherMdcToMetadata(String v) {
    otherMdcToMetadata = v;
    return this;
  }

  @Override
  public String toString() {
    return "JahizAppenderBuilder(name=" + getName() + ", chatId=" + chatId + ", receiverUrl=" + receiverUrl
        + ", botToken=***, webhookSecret=***)";
  }
}
