package dev.jahiz.log4j2;

import dev.jahiz.HostGuard;
import dev.jahiz.client.Counters;
import dev.jahiz.client.JahizClient;
import dev.jahiz.config.InvalidSettingsException;
import dev.jahiz.config.JahizOption;
import dev.jahiz.config.JahizSettings;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.status.StatusLogger;

/**
 * Everything of a {@link JahizAppender} that touches jahiz-core (Java 11): reading the builder's
 * text settings, the client, the guard. Kept apart so that the appender and its builder, which
 * Log4j loads and introspects, stay loadable on Java 8; this class is loaded only once the builder
 * has checked the JVM.
 */
final class Log4jReporter {
  /** What Log4j leaves in place of a lookup it could not resolve, such as an unset ${env:X}. */
  private static final Pattern UNRESOLVED = Pattern.compile("\\$\\{[^}]*}");
  private static final Logger LOGGER = StatusLogger.getLogger();

  private final String name;
  private final JahizSettings settings;
  private final LogEventReader reader;
  private final Level minimumLevel;
  private final JvmShutdown shutdown = new JvmShutdown();
  private final HostGuard guard;
  private volatile JahizClient client;

  private Log4jReporter(String name, JahizSettings settings, LogEventReader reader, Level minimumLevel) {
    this.name = name;
    this.settings = settings;
    this.reader = reader;
    this.minimumLevel = minimumLevel;
    this.guard = guard(name);
  }

  /**
   * Contains whatever a Log4j version or library Jahiz does not work with throws, so that Log4j's
   * start-up and the app's logging calls go on; told once on the StatusLogger.
   */
  static HostGuard guard(String name) {
    return HostGuard.builder("Jahiz appender '" + name + "'", new StatusLoggerListener(null))
        .requirement(JahizAppender.SUPPORTED).runtime(() -> HostGuard.versionOf("Log4j", LogEvent.class)
            + " on Java " + System.getProperty("java.version")).build();
  }

  /**
   * The appender the builder's settings describe, or null after an ERROR naming each bad setting.
   * Never throws, whatever the Log4j version: a failure is told once on the StatusLogger.
   */
  static JahizAppender build(JahizAppenderBuilder b) {
    JahizAppender[] built = new JahizAppender[1];
    guard(b.getName()).run("be created", () -> built[0] = buildChecked(b));
    return built[0];
  }

  /** False if the client could not start: the appender then runs on without it. */
  boolean start() {
    return guard.run("start", () -> {
      shutdown.watch();
      client = settings.startClient(new StatusLoggerListener(name));
      LOGGER.debug("Jahiz appender '{}' started: {}", name, settings);
    });
  }

  void append(LogEvent event) {
    // A message whose toString() throws, or a Log4j whose events lack a method Jahiz calls: the app
    // must not notice. Told once; an incompatibility also disables the appender.
    guard.run("report an event", () -> {
      if (!wanted(event)) {
        return;
      }
      JahizClient current = client;
      if (current != null) {
        current.report(reader.read(event), event.getThrown());
      }
    });
  }

  private boolean wanted(LogEvent event) {
    if (!event.getLevel().isMoreSpecificThan(minimumLevel)) {
      return false;
    }
    if (JahizClient.isJahizThread() || shutdown.hasStarted()) {
      return false;
    }
    return !JahizAppender.isOwnOrTransportLogger(event.getLoggerName());
  }

  void stop() {
    guard.runEvenIfDisabled("stop", () -> {
      JahizClient current = client;
      if (current != null) {
        current.close();
        LOGGER.info("Jahiz appender '{}' stopped: {}", name, current.counters());
      }
      shutdown.unwatch();
    });
  }

  /** Null before start. */
  Counters counters() {
    JahizClient current = client;
    return current == null ? null : current.counters();
  }

  @Override
  public String toString() {
    return settings.toString();
  }

  private static JahizAppender buildChecked(JahizAppenderBuilder b) {
    String name = b.getName();
    List<String> problems = new ArrayList<>();
    JahizSettings settings = null;
    try {
      settings = settings(b, problems).build();
    } catch (InvalidSettingsException e) {
      problems.addAll(e.problems());
    }
    if (name == null || name.trim().isEmpty()) {
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
    Level minimum = Level.toLevel(settings.minimumLevel(), Level.ERROR);
    Log4jReporter reporter = new Log4jReporter(name, settings,
        new LogEventReader(settings.eventMapping(), settings.includeCallerData()), minimum);
    return new JahizAppender(name, b.getFilter(), b.getLayout(), b.isIgnoreExceptions(), b.getPropertyArray(),
        reporter, minimum);
  }

  /**
   * Every {@code @PluginBuilderAttribute} of the builder that names an option of jahiz-core's table,
   * then the options set in code, then the nested {@code <Property>} elements as tags.
   */
  private static JahizSettings.Builder settings(JahizAppenderBuilder b, List<String> problems) {
    JahizSettings.Builder s = JahizSettings.builder();
    for (Field field : JahizAppenderBuilder.class.getDeclaredFields()) {
      if (field.isAnnotationPresent(PluginBuilderAttribute.class) && field.getType() == String.class) {
        try {
          s.set(field.getName(), set(b, (String) field.get(b), field.getName()));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    for (String[] option : b.options()) {
      try {
        s.set(option[0], set(b, option[1], option[0]));
      } catch (IllegalArgumentException unknown) {
        problems.add(unknown.getMessage());
      }
    }
    Property[] properties = b.getPropertyArray();
    if (properties != null) {
      for (Property p : properties) {
        String value = valueOf(b, p);
        s.set(JahizOption.TAGS, value.isEmpty() ? p.getName() : p.getName() + "=" + value);
      }
    }
    return s;
  }

  /**
   * Log4j before 2.19 or so hands {@code <Property name="k" value="v"/>} over with the value only in
   * the raw value (its two @PluginValue parameters compete for the one attribute), so the value
   * is resolved from there when it comes back empty.
   */
  private static String valueOf(JahizAppenderBuilder b, Property p) {
    String value = p.getValue();
    if (value != null && !value.isEmpty()) {
      return value;
    }
    String raw = p.getRawValue();
    if (raw == null || raw.isEmpty()) {
      return "";
    }
    Configuration configuration = b.getConfiguration();
    return configuration == null ? raw : configuration.getStrSubstitutor().replace(raw);
  }

  /**
   * Unresolved lookups count as unset, so {@code botToken="${env:TELEGRAM_BOT_TOKEN}"} without the
   * variable is "no token" rather than a token that Telegram rejects at the first error. Said on
   * the StatusLogger, by name only: the value may be half a secret.
   */
  private static String set(JahizAppenderBuilder b, String value, String setting) {
    if (value != null && UNRESOLVED.matcher(value).find()) {
      LOGGER.warn("Jahiz appender '{}': {} has an unresolved lookup, treated as unset", b.getName(), setting);
      return null;
    }
    return value;
  }
}
