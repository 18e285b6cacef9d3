package dev.jahiz.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import dev.jahiz.HostGuard;
import dev.jahiz.StatusListener;
import dev.jahiz.client.Counters;
import dev.jahiz.client.JahizClient;
import dev.jahiz.config.InvalidSettingsException;
import dev.jahiz.config.JahizSettings;
import dev.jahiz.logging.CallerContext;
import dev.jahiz.logging.CallerContexts;
import dev.jahiz.logging.EventMapping;
import dev.jahiz.report.ErrorReport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What {@link JahizAppender} does once it knows the JVM can run jahiz-core (Java 11+): the
 * options turned into a running client, events into reports, all inside a {@link HostGuard}. Kept
 * apart so that the appender class itself loads on Java 8 and can say that Jahiz needs 11.
 */
final class LogbackReporter {
  /** Loggers whose events would feed back into Jahiz: its own, and the HTTP client it sends with. */
  private static final String[] IGNORED_LOGGERS = {"dev.jahiz.", "okhttp3.", "okio.", "oshi."};

  private final JahizAppender appender;
  private final HostGuard guard;
  private Level minimumLevel;
  private boolean includeCallerData;
  private EventMapping eventMapping;
  private EventApi eventApi;
  /** True while Logback configures: Spring Boot counts an ERROR status then as a broken configuration. */
  private volatile boolean configuring = true;
  private volatile JahizClient client;

  private LogbackReporter(JahizAppender appender) {
    this.appender = appender;
    this.guard = HostGuard.builder("Jahiz appender", new LogbackStatus(false))
        .requirement(JahizAppender.SUPPORTED).runtime(LogbackReporter::runningOn).build();
  }

  /** A started reporter, or null after saying on the status manager why there is none. */
  static LogbackReporter start(JahizAppender appender, List<String[]> options, UnaryOperator<String> env) {
    LogbackReporter reporter = new LogbackReporter(appender);
    boolean started = reporter.guard.run("start", () -> reporter.startGuarded(options, env));
    reporter.configuring = false;
    return started && reporter.client != null ? reporter : null;
  }

  private void startGuarded(List<String[]> options, UnaryOperator<String> env) {
    JahizSettings.Builder settings = JahizSettings.builder();
    if (env != null) {
      settings.environmentVariables(env);
    }
    List<String> problems = new ArrayList<>();
    for (String[] option : options) {
      try {
        settings.set(option[0], option[1]);
      } catch (IllegalArgumentException unknown) {
        problems.add(unknown.getMessage());
      }
    }
    JahizSettings built = null;
    try {
      built = settings.build();
    } catch (InvalidSettingsException e) {
      problems.addAll(0, e.problems());
    }
    if (!problems.isEmpty()) {
      for (String problem : problems) {
        appender.addWarn(describe() + " not started: " + problem);
      }
      return;
    }
    eventApi = EventApi.detect();
    eventMapping = built.eventMapping();
    // Logback has no FATAL: its most severe level is ERROR.
    minimumLevel = Level.toLevel(built.minimumLevel(), Level.ERROR);
    includeCallerData = built.includeCallerData();
    client = built.startClient(new LogbackStatus(true));
    appender.addInfo(describe() + " sends " + minimumLevel + " and above to " + built + ", reading " + eventApi);
  }

  void stop() {
    JahizClient c = client;
    // Delivers what is queued within the close timeout: Logback's shutdown hook ends up here.
    guard.runEvenIfDisabled("stop", () -> {
      c.close();
      appender.addInfo(describe() + " stopped: " + c.counters());
    });
  }

  void append(ILoggingEvent event) {
    guard.run("report an event", () -> appendGuarded(event));
  }

  private void appendGuarded(ILoggingEvent event) {
    if (!event.getLevel().isGreaterOrEqual(minimumLevel) || JahizClient.isJahizThread() || isIgnored(event.getLoggerName())) {
      return;
    }
    IThrowableProxy proxy = event.getThrowableProxy();
    Throwable throwable = proxy instanceof ThrowableProxy ? ((ThrowableProxy) proxy).getThrowable() : null;
    Map<String, String> mdc = mdc(event);
    if (onLoggingThread(event)) {
      mdc = CallerContexts.addTo(mdc, throwable);
    }
    ErrorReport.Builder report = eventMapping.map(event.getLevel().toString(), eventApi.markerNames(event),
        event.getFormattedMessage(), event.getLoggerName(), event.getThreadName(), mdc,
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

  Counters counters() {
    return client.counters();
  }

  private String describe() {
    return "Jahiz appender [" + appender.getName() + "]";
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

  /**
   * Whether this runs on the thread that logged the event, so that what a {@link CallerContext}
   * reads from its thread is that event's: not behind an {@code AsyncAppender}, whose events carry
   * the MDC they were logged with but whose worker thread knows nothing of the caller's request.
   */
  private static boolean onLoggingThread(ILoggingEvent event) {
    return Thread.currentThread().getName().equals(event.getThreadName());
  }

  private static Map<String, String> mdc(ILoggingEvent event) {
    try {
      return event.getMDCPropertyMap();
    } catch (RuntimeException noMdcAdapter) {
      // A context built by hand has no MDC adapter; the report goes out without MDC rather than not at all.
      return Collections.emptyMap();
    }
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
      String text = prefixed ? "Jahiz [" + appender.getName() + "]: " + message : message;
      if (level == Level.ERROR && !configuring) {
        appender.addError(text, cause);
      } else if (level == Level.INFO) {
        appender.addInfo(text, cause);
      } else {
        appender.addWarn(text, cause);
      }
    }
  }
}
