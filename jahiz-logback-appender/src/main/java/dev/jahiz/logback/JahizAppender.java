package dev.jahiz.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Sends ERROR events (or whatever {@code minimumLevel} says) to Telegram, directly or through a
 * Jahiz receiver. Configured entirely in {@code logback.xml}:
 *
 * <pre>{@code
 * <appender name="JAHIZ" class="dev.jahiz.logback.JahizAppender">
 *   <botToken>${TELEGRAM_BOT_TOKEN}</botToken>
 *   <chatId>${TELEGRAM_CHAT_ID}</chatId>
 *   <appName>checkout-api</appName>
 *   <tag>team=backend</tag>
 * </appender>
 * }</pre>
 *
 * <p>On the logging thread it only copies the event into a report and offers it to the client's
 * queue; the trace is rendered and sent on Jahiz's own threads. It never blocks and never throws:
 * start, append and stop run in jahiz-core's {@code HostGuard} (see {@link LogbackReporter}), so
 * even a Logback or library version Jahiz does not work with only disables it, with one status
 * message naming what was found.
 *
 * <p>This class is Java 8 bytecode and touches nothing of jahiz-core (Java 11) before start has
 * checked the JVM: on Java 8 it loads, says that Jahiz needs Java 11, and stays stopped, where a
 * Java 11 class would fail to load and Logback would record an ERROR. For the same reason no
 * signature here names a jahiz-core type (Joran introspects them all): the counters are read
 * through {@link JahizCounters}.
 *
 * <p>Bad or missing settings are WARN statuses naming the setting, never ERROR: Spring Boot's
 * {@code LogbackLoggingSystem} refuses to start an application whose logging configuration left
 * an ERROR status. The appender then stays stopped and the application runs on.
 */
public class JahizAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  /** What Logback puts in place of a {@code ${VAR}} it cannot resolve: {@code VAR_IS_UNDEFINED}. */
  private static final Pattern UNDEFINED = Pattern.compile("[\\w.-]+_IS_UNDEFINED");
  static final String SUPPORTED = "Logback 1.2 to 1.6 (with SLF4J 1.7 or 2) on Java 11+";

  /** The elements as given, in order; applied at start. */
  private final List<String[]> options = new ArrayList<>();
  private UnaryOperator<String> environment;
  private volatile LogbackReporter reporter;

  @Override
  public void start() {
    if (isStarted()) {
      return;
    }
    String java = System.getProperty("java.specification.version");
    if (!runsJahizCore(java)) {
      addWarn("Jahiz appender is off: Jahiz needs Java 11 or later, this JVM is Java " + java
          + ". The application runs on; no error reports are sent.");
      return;
    }
    LogbackReporter started;
    try {
      started = LogbackReporter.start(this, options, environment);
    } catch (LinkageError noCore) {
      // jahiz-core itself is missing or broken, so its guard cannot run: said here instead.
      addWarn("Jahiz appender is off: jahiz-core cannot be loaded (" + noCore + "). The application runs on.");
      return;
    }
    if (started != null) {
      reporter = started;
      super.start();
    }
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

  @Override
  public void stop() {
    if (!isStarted()) {
      return;
    }
    super.stop();
    LogbackReporter r = reporter;
    if (r != null) {
      r.stop();
    }
  }

  @Override
  protected void append(ILoggingEvent event) {
    LogbackReporter r = reporter;
    if (r != null) {
      r.append(event);
    }
  }

  /** The running reporter, null before start or when not started; for {@link JahizCounters}. */
  LogbackReporter reporter() {
    return reporter;
  }

  /** Where unset options are looked up; the process environment unless a test says otherwise. */
  void environmentVariables(UnaryOperator<String> env) {
    this.environment = env;
  }

  /**
   * Sets any option by its name in jahiz-core's option table ({@code botToken}, {@code
   * telegram.bot-token}, ...), for code that configures the appender itself; applied at start,
   * where an unknown name is a WARN naming it. Every {@code logback.xml} element comes through here.
   * An unresolved {@code ${VAR}} counts as unset, so the environment
   * fallback and the "not configured" path apply instead of a value Telegram would reject. Told by
   * name only: the rest of the value may be half a secret.
   */
  public void option(String name, String value) {
    if (value != null && UNDEFINED.matcher(value).find()) {
      addInfo("Jahiz appender [" + getName() + "]: " + name
          + " refers to a variable Logback could not resolve; treated as unset");
      value = null;
    }
    options.add(new String[] {name, value});
  }

  // ---- settings: each one a logback.xml element ----

  // What each option means, its default and how it is read are declared once, in jahiz-core's
  // JahizOption; these setters only give Joran a name to find (JahizAppenderOptionsTest checks
  // that every option has one).

  /** The lowest level reported: ERROR by default; WARN or INFO to report more. */
  public void setMinimumLevel(String level) {
    option("minimumLevel", level);
  }

  /** Location from the caller when an event has no exception; costly, so off by default. */
  public void setIncludeCallerData(String include) {
    option("includeCallerData", include);
  }

  public void setBotToken(String v) {
    option("botToken", v);
  }

  public void setChatId(String v) {
    option("chatId", v);
  }

  public void setMessageThreadId(String v) {
    option("messageThreadId", v);
  }

  public void setTelegramApiUrl(String v) {
    option("telegramApiUrl", v);
  }

  public void setProxy(String v) {
    option("proxy", v);
  }

  public void setSilentBelow(String v) {
    option("silentBelow", v);
  }

  public void setSendFullTraceAsDocument(String v) {
    option("sendFullTraceAsDocument", v);
  }

  public void setReceiverUrl(String v) {
    option("receiverUrl", v);
  }

  public void setWebhookSecret(String v) {
    option("webhookSecret", v);
  }

  public void setAppName(String v) {
    option("appName", v);
  }

  public void setAppVersion(String v) {
    option("appVersion", v);
  }

  public void setEnvironment(String v) {
    option("environment", v);
  }

  public void setServiceName(String v) {
    option("serviceName", v);
  }

  /** {@code <tags>team=backend,region=eu</tags>}. */
  public void setTags(String v) {
    option("tags", v);
  }

  /** {@code <tag>team=backend</tag>}, repeatable. */
  public void addTag(String v) {
    option("tags", v);
  }

  /** {@code <ignore>environment=production && message~(?i)test</ignore>}, repeatable: matching events are counted, not sent. */
  public void addIgnore(String v) {
    option("ignore", v);
  }

  public void setQueueCapacity(String v) {
    option("queueCapacity", v);
  }

  public void setQueueBytes(String v) {
    option("queueBytes", v);
  }

  public void setGroupingWindow(String v) {
    option("groupingWindow", v);
  }

  public void setCloseTimeout(String v) {
    option("closeTimeout", v);
  }

  public void setMaxAttempts(String v) {
    option("maxAttempts", v);
  }

  public void setMaxMessagesPerMinute(String v) {
    option("maxMessagesPerMinute", v);
  }

  public void setDeviceInfo(String v) {
    option("deviceInfo", v);
  }

  public void setApplicationPackages(String v) {
    option("applicationPackages", v);
  }

  /** {@code false} keeps undelivered reports in memory only; see {@code spoolDir}. */
  public void setSpool(String v) {
    option("spool", v);
  }

  public void setSpoolDir(String v) {
    option("spoolDir", v);
  }

  public void setSpoolBytes(String v) {
    option("spoolBytes", v);
  }

  public void setUserIdKey(String key) {
    option("userIdKey", key);
  }

  public void setUsernameKey(String key) {
    option("usernameKey", key);
  }

  public void setEmailKey(String key) {
    option("emailKey", key);
  }

  public void setSessionIdKey(String key) {
    option("sessionIdKey", key);
  }

  public void setIpAddressKey(String key) {
    option("ipAddressKey", key);
  }

  public void setRequestUrlKey(String key) {
    option("requestUrlKey", key);
  }

  public void setRequestMethodKey(String key) {
    option("requestMethodKey", key);
  }

  public void setResponseStatusKey(String key) {
    option("responseStatusKey", key);
  }

  /** MDC keys whose values become tags, comma-separated. */
  public void setMdcTags(String keys) {
    option("mdcTags", keys);
  }

  /** An MDC key whose value becomes a tag ({@code <mdcTag>tenant</mdcTag>}), repeatable. */
  public void addMdcTag(String key) {
    option("mdcTags", key);
  }

  /** {@code true} (the default), {@code false}, {@code yes}, {@code no}, {@code on} or {@code off}, as every flag. */
  public void setOtherMdcToMetadata(String enabled) {
    option("otherMdcToMetadata", enabled);
  }
}
