package dev.jahiz.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import dev.jahiz.StatusListener;
import dev.jahiz.client.Counters;
import dev.jahiz.client.JahizClient;
import dev.jahiz.config.InvalidSettingsException;
import dev.jahiz.config.JahizSettings;
import dev.jahiz.logging.EventMapping;
import dev.jahiz.report.ErrorReport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

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
 * queue; the trace is rendered and sent on Jahiz's own threads. It never blocks and never throws.
 * Bad settings are reported through Logback's status manager, naming the setting, and the appender
 * stays stopped while the application runs on.
 */
public class JahizAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  /** Loggers whose events would feed back into Jahiz: its own, and the HTTP client it sends with. */
  private static final String[] IGNORED_LOGGERS = {"dev.jahiz.", "okhttp3.", "okio.", "oshi."};

  private final JahizSettings.Builder settings = JahizSettings.builder();
  private final EventMapping.Builder mapping = EventMapping.builder();
  private Level minimumLevel = Level.ERROR;
  private boolean includeCallerData;
  private EventMapping eventMapping;
  private volatile JahizClient client;

  @Override
  public void start() {
    if (isStarted()) {
      return;
    }
    JahizSettings built;
    try {
      built = settings.build();
    } catch (InvalidSettingsException e) {
      for (String problem : e.problems()) {
        addError("Jahiz appender [" + getName() + "] not started: " + problem);
      }
      return;
    } catch (RuntimeException e) {
      addError("Jahiz appender [" + getName() + "] not started: " + e.getMessage());
      return;
    }
    eventMapping = mapping.build();
    client = built.startClient(new LogbackStatus());
    addInfo("Jahiz appender [" + getName() + "] sends " + minimumLevel + " and above to " + built);
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
      c.close();
      addInfo("Jahiz appender [" + getName() + "] stopped: " + c.counters());
    }
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (!event.getLevel().isGreaterOrEqual(minimumLevel) || JahizClient.isJahizThread() || isIgnored(event.getLoggerName())) {
      return;
    }
    try {
      IThrowableProxy proxy = event.getThrowableProxy();
      Throwable throwable = proxy instanceof ThrowableProxy ? ((ThrowableProxy) proxy).getThrowable() : null;
      ErrorReport.Builder report = eventMapping.map(event.getLevel().toString(), markerNames(event),
          event.getFormattedMessage(), event.getLoggerName(), event.getThreadName(), mdc(event),
          keyValues(event), event.getTimeStamp());
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
    } catch (RuntimeException e) {
      addError("Jahiz appender [" + getName() + "] could not report an event", e);
    }
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

  private static List<String> markerNames(ILoggingEvent event) {
    List<Marker> markers = event.getMarkerList();
    if (markers == null || markers.isEmpty()) {
      return Collections.emptyList();
    }
    List<String> names = new ArrayList<>();
    for (Marker m : markers) {
      addMarker(m, names, 0);
    }
    return names;
  }

  private static void addMarker(Marker marker, List<String> names, int depth) {
    if (marker == null || depth > 8 || names.contains(marker.getName())) {
      return;
    }
    names.add(marker.getName());
    for (Iterator<Marker> it = marker.iterator(); it.hasNext(); ) {
      addMarker(it.next(), names, depth + 1);
    }
  }

  private static Map<String, Object> keyValues(ILoggingEvent event) {
    List<KeyValuePair> pairs = event.getKeyValuePairs();
    if (pairs == null || pairs.isEmpty()) {
      return Collections.emptyMap();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (KeyValuePair pair : pairs) {
      out.put(pair.key, pair.value == null ? null : pair.value instanceof Number || pair.value instanceof Boolean
          ? pair.value : String.valueOf(pair.value));
    }
    return out;
  }

  /** What the client has done; null before start. */
  public Counters getCounters() {
    JahizClient c = client;
    return c == null ? null : c.counters();
  }

  /** Maps Jahiz's diagnostics to Logback's status manager, never to a logger (that would recurse). */
  private final class LogbackStatus implements StatusListener {
    @Override
    public void onStatus(Level level, String message, Throwable cause) {
      String text = "Jahiz [" + getName() + "]: " + message;
      switch (level) {
        case ERROR:
          addError(text, cause);
          break;
        case WARN:
          addWarn(text, cause);
          break;
        default:
          addInfo(text, cause);
      }
    }
  }

  // ---- settings: each one a logback.xml element ----

  /** The lowest level reported: ERROR by default; WARN or INFO to report more. */
  public void setMinimumLevel(String level) {
    Level parsed = Level.toLevel(level, null);
    if (parsed == null) {
      addError("minimumLevel must be one of ERROR, WARN, INFO, DEBUG, TRACE; was: " + level + " (ERROR is used)");
      return;
    }
    this.minimumLevel = parsed;
  }

  /** Location from the caller when an event has no exception; costly, so off by default. */
  public void setIncludeCallerData(boolean include) {
    this.includeCallerData = include;
  }

  public void setBotToken(String v) {
    settings.botToken(v);
  }

  public void setChatId(String v) {
    settings.chatId(v);
  }

  public void setMessageThreadId(String v) {
    settings.messageThreadId(v);
  }

  public void setTelegramApiUrl(String v) {
    settings.telegramApiUrl(v);
  }

  public void setProxy(String v) {
    settings.proxy(v);
  }

  public void setSilentBelow(String v) {
    settings.silentBelow(v);
  }

  public void setSendFullTraceAsDocument(String v) {
    settings.sendFullTraceAsDocument(v);
  }

  public void setReceiverUrl(String v) {
    settings.receiverUrl(v);
  }

  public void setWebhookSecret(String v) {
    settings.webhookSecret(v);
  }

  public void setAppName(String v) {
    settings.appName(v);
  }

  public void setAppVersion(String v) {
    settings.appVersion(v);
  }

  public void setEnvironment(String v) {
    settings.environment(v);
  }

  public void setServiceName(String v) {
    settings.serviceName(v);
  }

  /** {@code <tag>team=backend</tag>}, repeatable. */
  public void addTag(String v) {
    settings.tag(v);
  }

  public void setQueueCapacity(String v) {
    settings.queueCapacity(v);
  }

  public void setQueueBytes(String v) {
    settings.queueBytes(v);
  }

  public void setGroupingWindow(String v) {
    settings.groupingWindow(v);
  }

  public void setCloseTimeout(String v) {
    settings.closeTimeout(v);
  }

  public void setMaxAttempts(String v) {
    settings.maxAttempts(v);
  }

  public void setMaxMessagesPerMinute(String v) {
    settings.maxMessagesPerMinute(v);
  }

  public void setDeviceInfo(String v) {
    settings.deviceInfo(v);
  }

  public void setApplicationPackages(String v) {
    settings.applicationPackages(v);
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
