package dev.jahiz.log4j2;

import java.util.ArrayList;
import java.util.List;
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
  /**
   * Log4j's annotation processor asks for a public setter per attribute; one method, {@link
   * #option}, takes every option by name instead of setters that would repeat jahiz-core's table.
   */
  private static final String BY_OPTION = "log4j.public.setter";

  // sensitive: Log4j's debug status output prints attribute values unless told not to.
  @PluginBuilderAttribute(sensitive = true)
  @SuppressWarnings(BY_OPTION)
  String botToken;

  @PluginBuilderAttribute
  @SuppressWarnings(BY_OPTION)
  String chatId;

  @PluginBuilderAttribute
  @SuppressWarnings(BY_OPTION)
  String messageThreadId;

  @PluginBuilderAttribute
  @SuppressWarnings(BY_OPTION)
  String telegramApiUrl;

  @PluginBuilderAttribute
  @SuppressWarnings(BY_OPTION)
  String proxy;

  @PluginBuilderAttribute
  @SuppressWarnings(BY_OPTION)
  String silentBelow;

  @PluginBuilderAttribute
  @SuppressWarnings(BY_OPTION)
  String sendFullTraceAsDocument;

  @PluginBuilderAttribute
  @SuppressWarnings(BY_OPTION)
  String receiverUrl;

  @PluginBuilderAttribute(sensitive = true)
  @SuppressWarnings(BY_OPTION)
  String webhookSecret;

  @PluginBuilderAttribute
  @SuppressWarnings(BY_OPTION)
  String appName;

  @PluginBuilderAttribute
  @SuppressWarnings(BY_OPTION)
  String appVersion;

  @PluginBuilderAttribute
  @SuppressWarnings(BY_OPTION)
  String environment;

  @PluginBuilderAttribute
  @SuppressWarnings(BY_OPTION)
  String serviceName;

  @PluginBuilderAttribute
  @SuppressWarnings(BY_OPTION)
  String tags;

  /** Ignore rules, {@code ;}-separated (a comma may be part of a regex): matching events are counted, not sent. */
  @PluginBuilderAttribute
  @SuppressWarnings(BY_OPTION)
  String ignore;

  @PluginBuilderAttribute
  @SuppressWarnings(BY_OPTION)
  String queueCapacity;

  @PluginBuilderAttribute
  @SuppressWarnings(BY_OPTION)
  String queueBytes;

  @PluginBuilderAttribute
  @SuppressWarnings(BY_OPTION)
  String groupingWindow;

  @PluginBuilderAttribute
  @SuppressWarnings(BY_OPTION)
  String closeTimeout;

  @PluginBuilderAttribute
  @SuppressWarnings(BY_OPTION)
  String maxAttempts;

  @PluginBuilderAttribute
  @SuppressWarnings(BY_OPTION)
  String maxMessagesPerMinute;

  @PluginBuilderAttribute
  @SuppressWarnings(BY_OPTION)
  String deviceInfo;

  @PluginBuilderAttribute
  @SuppressWarnings(BY_OPTION)
  String applicationPackages;

  @PluginBuilderAttribute
  @SuppressWarnings(BY_OPTION)
  String spool;

  @PluginBuilderAttribute
  @SuppressWarnings(BY_OPTION)
  String spoolDir;

  @PluginBuilderAttribute
  @SuppressWarnings(BY_OPTION)
  String spoolBytes;

  /** The least severe level reported; ERROR by default. Log4j filters narrow it further. */
  @PluginBuilderAttribute
  @SuppressWarnings(BY_OPTION)
  String minimumLevel;

  /** Location from the logging call when there is no throwable: costly, so off by default. */
  @PluginBuilderAttribute
  @SuppressWarnings(BY_OPTION)
  String includeCallerData;

  // ThreadContext keys, defaulting to the report schema's own names.
  @PluginBuilderAttribute
  @SuppressWarnings(BY_OPTION)
  String userIdKey;

  @PluginBuilderAttribute
  @SuppressWarnings(BY_OPTION)
  String usernameKey;

  @PluginBuilderAttribute
  @SuppressWarnings(BY_OPTION)
  String emailKey;

  @PluginBuilderAttribute
  @SuppressWarnings(BY_OPTION)
  String sessionIdKey;

  @PluginBuilderAttribute
  @SuppressWarnings(BY_OPTION)
  String ipAddressKey;

  @PluginBuilderAttribute
  @SuppressWarnings(BY_OPTION)
  String requestUrlKey;

  @PluginBuilderAttribute
  @SuppressWarnings(BY_OPTION)
  String requestMethodKey;

  @PluginBuilderAttribute
  @SuppressWarnings(BY_OPTION)
  String responseStatusKey;

  /** ThreadContext keys whose values become tags, comma-separated. */
  @PluginBuilderAttribute
  @SuppressWarnings(BY_OPTION)
  String mdcTags;

  /** Whether other ThreadContext entries go to metadata; true by default. */
  @PluginBuilderAttribute
  @SuppressWarnings(BY_OPTION)
  String otherMdcToMetadata;

  private final List<String[]> options = new ArrayList<>();

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

  /**
   * Sets any option of jahiz-core's table by name ({@code botToken}, {@code telegram.bot-token},
   * ...), for code that builds the appender itself; read at {@link #build()} after the attributes,
   * where an unknown name joins the other problems. What each option means is declared once, in
   * jahiz-core's {@code JahizOption}; the attributes above only give Log4j a name to find
   * (Log4jOptionNamesTest checks that every option has one).
   */
  public JahizAppenderBuilder option(String name, String value) {
    options.add(new String[] {name, value});
    return this;
  }

  /** The options set in code, in order. */
  List<String[]> options() {
    return options;
  }

  @Override
  public String toString() {
    return "JahizAppenderBuilder(name=" + getName() + ", chatId=" + chatId + ", receiverUrl=" + receiverUrl
        + ", botToken=***, webhookSecret=***)";
  }
}
