package dev.jahiz.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import dev.jahiz.HostGuard;
import dev.jahiz.StatusListener;
import dev.jahiz.client.Counters;
import dev.jahiz.client.JahizClient;
import dev.jahiz.config.InvalidSettingsException;
import dev.jahiz.config.JahizSettings;
import dev.jahiz.logging.EventMapping;
import dev.jahiz.report.ErrorReport;
import java.util.Collections;
import java.util.Map;
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
 * start, append and stop run in a {@link HostGuard}, so even a Logback or library version Jahiz
 * does not work with only disables it, with one status message naming what was found.
 *
 * <p>Bad or missing settings are WARN statuses naming the setting, never ERROR: Spring Boot's
 * {@code LogbackLoggingSystem} refuses to start an application whose logging configuration left
 * an ERROR status. The appender then stays stopped and the application runs on.
 */
public class JahizAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  /** Loggers whose events would feed back into Jahiz: its own, and the HTTP client it sends with. */
  private static final String[] IGNORED_LOGGERS = {"dev.jahiz.", "okhttp3.", "okio.", "oshi."};
  /** What Logback puts in place of a {@code ${VAR}} it cannot resolve: {@code VAR_IS_UNDEFINED}. */
  private static final Pattern UNDEFINED = Pattern.compile("[\\w.-]+_IS_UNDEFINED");
  static final String SUPPORTED = "Logback 1.2 to 1.6 (with SLF4J 1.7 or 2) on Java 11+";

  private final JahizSettings.Builder settings = JahizSettings.builder();
  private final EventMapping.Builder mapping = EventMapping.builder();
  private final HostGuard guard = HostGuard.builder("Jahiz appender", new LogbackStatus(false))
      .requirement(SUPPORTED).runtime(JahizAppender::runningOn).build();
  private Level minimumLevel = Level.ERROR;
  private boolean includeCallerData;
  private EventMapping eventMapping;
  private EventApi eventApi;
  /** True while Logback configures: Spring Boot counts an ERROR status then as a broken configuration. */
  private volatile boolean configuring = true;
  private volatile JahizClient client;

  @Override
  public void start() {
    if (isStarted()) {
      return;
    }
    guard.run("start", this::startGuarded);
    configuring = false;
  }

  private void startGuarded() {
    JahizSettings built;
    try {
      built = settings.build();
    } catch (InvalidSettingsException e) {
      for (String problem : e.problems()) {
        addWarn(describe() + " not started: " + problem);
      }
      return;
    }
    eventApi = EventApi.detect();
    eventMapping = mapping.build();
    client = built.startClient(new LogbackStatus(true));
    addInfo(describe() + " sends " + minimumLevel + " and above to " + built + ", reading " + eventApi);
    super.start();
  }

  @Override
  public void stop() {
    if (!isStarted()) {
      return;
    }
    super.stop();
    JahizClient c = client;
    if (c != null) {
      // Delivers what is queued within the close timeout: Logback's shutdown hook ends up here.
      guard.runEvenIfDisabled("stop", () -> {
        c.close();
        addInfo(describe() + " stopped: " + c.counters());
      });
    }
  }

  @Override
  protected void append(ILoggingEvent event) {
    guard.run("report an event", () -> appendGuarded(event));
  }

  private void appendGuarded(ILoggingEvent event) {
    if (!event.getLevel().isGreaterOrEqual(minimumLevel) || JahizClient.isJahizThread() || isIgnored(event.getLoggerName())) {
      return;
    }
    IThrowableProxy proxy = event.getThrowableProxy();
    Throwable throwable = proxy instanceof ThrowableProxy ? ((ThrowableProxy) proxy).getThrowable() : null;
    ErrorReport.Builder report = eventMapping.map(event.getLevel().toString(), eventApi.markerNames(event),
        event.getFormattedMessage(), event.getLoggerName(), event.getThreadName(), mdc(event),
        eventApi.keyValues(event), event.getTimeStamp());
    if (proxy != null && throwable == null) {
      // A deserialized event (e.g. from a socket appender) has only the proxy's text.
      report.errorType(proxy.getClassName()).stacktrace(ThrowableProxyUtil.asString(proxy));
    }
    if (throwable == null && includeCallerData) {
      StackTraceElement[] caller = event.getCallerData();
      if (caller != null && caller.length > 0) {
        report.fileName(caller[0].getFileName())
            .lineNumber(caller[0].getLineNumber() >= 0 ? caller[0].getLineNumber() : null)
            .functionName(caller[0].getClassName() + "." + caller[0].getMethodName());
      }
    }
    client.report(report.build(), throwable);
  }

  private String describe() {
    return "Jahiz appender [" + getName() + "]";
  }

  private static String runningOn() {
    return HostGuard.versionOf("Logback", LoggerContext.class) + " on Java " + System.getProperty("java.version");
  }

  private static boolean isIgnored(String logger) {
    if (logger == null) {
      return false;
    }
    for (String prefix : IGNORED_LOGGERS) {
      if (logger.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, String> mdc(ILoggingEvent event) {
    try {
      return event.getMDCPropertyMap();
    } catch (RuntimeException noMdcAdapter) {
      // A context built by hand has no MDC adapter; the report goes out without MDC rather than not at all.
      return Collections.emptyMap();
    }
  }

  /** What the client has done; null before start. */
  public Counters getCounters() {
    JahizClient c = client;
    return c == null ? null : c.counters();
  }

  /** Where unset options are looked up; the process environment unless a test says otherwise. */
  void environmentVariables(UnaryOperator<String> env) {
    settings.environmentVariables(env);
  }

  /**
   * An unresolved {@code ${VAR}} counts as unset, so the environment fallback and the "not
   * configured" path apply instead of a value Telegram would reject. Told by name only: the rest
   * of the value may be half a secret.
   */
  private String given(String value, String setting) {
    if (value != null && UNDEFINED.matcher(value).find()) {
      addInfo(describe() + ": " + setting + " refers to a variable Logback could not resolve; treated as unset");
      return null;
    }
    return value;
  }

  /**
   * Maps Jahiz's diagnostics to Logback's status manager, never to a logger (that would recurse).
   * While Logback configures, an ERROR is told as WARN: Spring Boot would otherwise refuse to start.
   */
  private final class LogbackStatus implements StatusListener {
    /** The guard names itself; the client's messages get the appender's name in front. */
    private final boolean prefixed;

    LogbackStatus(boolean prefixed) {
      this.prefixed = prefixed;
    }

    @Override
    public void onStatus(Level level, String message, Throwable cause) {
      String text = prefixed ? "Jahiz [" + getName() + "]: " + message : message;
      if (level == Level.ERROR && !configuring) {
        addError(text, cause);
      } else if (level == Level.INFO) {
        addInfo(text, cause);
      } else {
        addWarn(text, cause);
      }
    }
  }

  // ---- settings: each one a logback.xml element ----

  /** The lowest level reported: ERROR by default; WARN or INFO to report more. */
  public void setMinimumLevel(String level) {
    Level parsed = Level.toLevel(level, null);
    if (parsed == null) {
      addWarn("minimumLevel must be one of ERROR, WARN, INFO, DEBUG, TRACE; was: " + level + " (ERROR is used)");
      return;
    }
    this.minimumLevel = parsed;
  }

  /** Location from the caller when an event has no exception; costly, so off by default. */
  public void setIncludeCallerData(boolean include) {
    this.includeCallerData = include;
  }

  public void setBotToken(String v) {
    settings.botToken(given(v, "botToken"));
  }

  public void setChatId(String v) {
    settings.chatId(given(v, "chatId"));
  }

  public void setMessageThreadId(String v) {
    settings.messageThreadId(given(v, "messageThreadId"));
  }

  public void setTelegramApiUrl(String v) {
    settings.telegramApiUrl(given(v, "telegramApiUrl"));
  }

  public void setProxy(String v) {
    settings.proxy(given(v, "proxy"));
  }

  public void setSilentBelow(String v) {
    settings.silentBelow(given(v, "silentBelow"));
  }

  public void setSendFullTraceAsDocument(String v) {
    settings.sendFullTraceAsDocument(given(v, "sendFullTraceAsDocument"));
  }

  public void setReceiverUrl(String v) {
    settings.receiverUrl(given(v, "receiverUrl"));
  }

  public void setWebhookSecret(String v) {
    settings.webhookSecret(given(v, "webhookSecret"));
  }

  public void setAppName(String v) {
    settings.appName(given(v, "appName"));
  }

  public void setAppVersion(String v) {
    settings.appVersion(given(v, "appVersion"));
  }

  public void setEnvironment(String v) {
    settings.environment(given(v, "environment"));
  }

  public void setServiceName(String v) {
    settings.serviceName(given(v, "serviceName"));
  }

  /** {@code <tag>team=backend</tag>}, repeatable. */
  public void addTag(String v) {
    settings.tag(given(v, "tag"));
  }

  public void setQueueCapacity(String v) {
    settings.queueCapacity(given(v, "queueCapacity"));
  }

  public void setQueueBytes(String v) {
    settings.queueBytes(given(v, "queueBytes"));
  }

  public void setGroupingWindow(String v) {
    settings.groupingWindow(given(v, "groupingWindow"));
  }

  public void setCloseTimeout(String v) {
    settings.closeTimeout(given(v, "closeTimeout"));
  }

  public void setMaxAttempts(String v) {
    settings.maxAttempts(given(v, "maxAttempts"));
  }

  public void setMaxMessagesPerMinute(String v) {
    settings.maxMessagesPerMinute(given(v, "maxMessagesPerMinute"));
  }

  public void setDeviceInfo(String v) {
    settings.deviceInfo(given(v, "deviceInfo"));
  }

  public void setApplicationPackages(String v) {
    settings.applicationPackages(given(v, "applicationPackages"));
  }

  public void setUserIdKey(String key) {
    mapping.userIdKey(key);
  }

  public void setUsernameKey(String key) {
    mapping.usernameKey(key);
  }

  public void setEmailKey(String key) {
    mapping.emailKey(key);
  }

  public void setSessionIdKey(String key) {
    mapping.sessionIdKey(key);
  }

  public void setIpAddressKey(String key) {
    mapping.ipAddressKey(key);
  }

  public void setRequestUrlKey(String key) {
    mapping.requestUrlKey(key);
  }

  public void setRequestMethodKey(String key) {
    mapping.requestMethodKey(key);
  }

  public void setResponseStatusKey(String key) {
    mapping.responseStatusKey(key);
  }

  /** An MDC key whose value becomes a tag ({@code <mdcTag>tenant</mdcTag>}), repeatable. */
  public void addMdcTag(String key) {
    mapping.addTagKey(key);
  }

  public void setOtherMdcToMetadata(boolean enabled) {
    mapping.otherMdcToMetadata(enabled);
  }
}
