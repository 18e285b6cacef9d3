package dev.jahiz.log4j2;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.status.StatusLogger;

/**
 * The attributes of {@code <Jahiz>}. Every option is text, exactly as jahiz-core's {@code JahizSettings} reads
 * it, so it means the same as in {@code logback.xml}; this class is Java 8 bytecode and names no
 * jahiz-core type, so that Log4j can introspect it on Java 8 too. Unset options fall back to the environment
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
  private static final Logger LOGGER = StatusLogger.getLogger();

  // sensitive: Log4j's debug status output prints attribute values unless told not to.
  @PluginBuilderAttribute(sensitive = true)
  String botToken;

  @PluginBuilderAttribute
  String chatId;

  @PluginBuilderAttribute
  String messageThreadId;

  @PluginBuilderAttribute
  String telegramApiUrl;

  @PluginBuilderAttribute
  String proxy;

  @PluginBuilderAttribute
  String silentBelow;

  @PluginBuilderAttribute
  String sendFullTraceAsDocument;

  @PluginBuilderAttribute
  String receiverUrl;

  @PluginBuilderAttribute(sensitive = true)
  String webhookSecret;

  @PluginBuilderAttribute
  String appName;

  @PluginBuilderAttribute
  String appVersion;

  @PluginBuilderAttribute
  String environment;

  @PluginBuilderAttribute
  String serviceName;

  @PluginBuilderAttribute
  String tags;

  /** Ignore rules, {@code ;}-separated (a comma may be part of a regex): matching events are counted, not sent. */
  @PluginBuilderAttribute
  String ignore;

  @PluginBuilderAttribute
  String queueCapacity;

  @PluginBuilderAttribute
  String queueBytes;

  @PluginBuilderAttribute
  String groupingWindow;

  @PluginBuilderAttribute
  String closeTimeout;

  @PluginBuilderAttribute
  String maxAttempts;

  @PluginBuilderAttribute
  String maxMessagesPerMinute;

  @PluginBuilderAttribute
  String deviceInfo;

  @PluginBuilderAttribute
  String applicationPackages;

  @PluginBuilderAttribute
  String spool;

  @PluginBuilderAttribute
  String spoolDir;

  @PluginBuilderAttribute
  String spoolBytes;

  /** The least severe level reported; ERROR by default. Log4j filters narrow it further. */
  @PluginBuilderAttribute
  String minimumLevel;

  /** Location from the logging call when there is no throwable: costly, so off by default. */
  @PluginBuilderAttribute
  String includeCallerData;

  // ThreadContext keys, defaulting to the report schema's own names.
  @PluginBuilderAttribute
  String userIdKey;

  @PluginBuilderAttribute
  String usernameKey;

  @PluginBuilderAttribute
  String emailKey;

  @PluginBuilderAttribute
  String sessionIdKey;

  @PluginBuilderAttribute
  String ipAddressKey;

  @PluginBuilderAttribute
  String requestUrlKey;

  @PluginBuilderAttribute
  String requestMethodKey;

  @PluginBuilderAttribute
  String responseStatusKey;

  /** ThreadContext keys whose values become tags, comma-separated. */
  @PluginBuilderAttribute
  String mdcTags;

  /** Whether other ThreadContext entries go to metadata; true by default. */
  @PluginBuilderAttribute
  String otherMdcToMetadata;

  JahizAppenderBuilder() {}

  /**
   * Never throws, whatever the Log4j version or JVM: a failure is told once on the StatusLogger and
   * the appender is left out, as for a bad setting. On Java 8 the appender is built but stays
   * inert, after a WARN that Jahiz needs Java 11: jahiz-core (Java 11) is touched only past that
   * check, and only by {@link Log4jReporter}, so that nothing here fails to load on Java 8.
   */
  @Override
  public JahizAppender build() {
    String java = System.getProperty("java.specification.version");
    if (!runsJahizCore(java)) {
      LOGGER.warn("Jahiz appender '{}' is off: Jahiz needs Java 11 or later, this JVM is Java {}. The application"
          + " runs on; no error reports are sent.", getName(), java);
      return inert();
    }
    try {
      return Log4jReporter.build(this);
    } catch (LinkageError noCore) {
      // jahiz-core itself is missing or broken, so its guard cannot run: said here instead.
      LOGGER.warn("Jahiz appender '{}' is off: jahiz-core cannot be loaded ({}). The application runs on.",
          getName(), String.valueOf(noCore));
      return inert();
    }
  }

  /** An appender that takes events and does nothing: Log4j finds the name its loggers refer to. */
  private JahizAppender inert() {
    return new JahizAppender(getName(), getFilter(), getLayout(), isIgnoreExceptions(), getPropertyArray(), null,
        Level.ERROR);
  }

  /** "1.8" is Java 8; "11", "17", ... can run jahiz-core. */
  static boolean runsJahizCore(String specificationVersion) {
    if (specificationVersion == null || specificationVersion.startsWith("1.")) {
      return false;
    }
    try {
      int dot = specificationVersion.indexOf('.');
      return Integer.parseInt(dot < 0 ? specificationVersion : specificationVersion.substring(0, dot)) >= 11;
    } catch (NumberFormatException e) {
      return true; // a version scheme newer than this code
    }
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
