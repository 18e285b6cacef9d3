package dev.jahiz.agent;

import dev.jahiz.config.InvalidSettingsException;
import dev.jahiz.config.JahizSettings;
import dev.jahiz.logging.EventMapping;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The agent's settings: {@code JAHIZ_<OPTION>} environment variables and {@code -Djahiz.<option>}
 * system properties (which win), one for every option of the appenders, plus the variables the
 * appenders already fall back to ({@code TELEGRAM_BOT_TOKEN}, {@code TELEGRAM_CHAT_ID}, {@code
 * WEBHOOK_SECRET}, {@code JAHIZ_RECEIVER_URL}, {@code JAHIZ_TELEGRAM_API_URL}).
 *
 * <p>The option names are not listed here: they are read from {@link JahizSettings.Builder} and
 * {@link EventMapping.Builder}, and the appenders' setters take them by the same names, so an option
 * added there is an agent setting too. {@code APP_NAME}, {@code app-name} and {@code appName} are
 * one option.
 */
public final class AgentSettings {
  static final String ENV_PREFIX = "JAHIZ_";
  static final String PROPERTY_PREFIX = "jahiz.";
  /** The appenders' options that are neither delivery settings nor MDC mapping. */
  private static final Set<String> APPENDER_OPTIONS = Set.of("minimumlevel", "includecallerdata", "mdctags");
  private static final Set<String> LEVELS = Set.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE");

  /** Normalized option name → value, in the order given. */
  private final Map<String, String> options;
  /** Normalized option name → how the user wrote it, for messages. */
  private final Map<String, String> givenAs;
  private final JahizSettings settings;

  private AgentSettings(Map<String, String> options, Map<String, String> givenAs, JahizSettings settings) {
    this.options = options;
    this.givenAs = givenAs;
    this.settings = settings;
  }

  /** Reads and checks everything; the exception names each bad setting as the user wrote it. */
  static AgentSettings read(Map<String, String> env, Properties properties) throws Invalid {
    Map<String, String> options = new LinkedHashMap<>();
    Map<String, String> givenAs = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    Set<String> known = knownOptions();
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(env).entrySet()) {
      if (e.getKey().startsWith(ENV_PREFIX)) {
        String option = normalize(e.getKey().substring(ENV_PREFIX.length()));
        // Other JAHIZ_ variables (the receiver's, for one) may share the environment: only ours are read.
        if (isKnown(option, known)) {
          options.put(option, e.getValue());
          givenAs.put(option, e.getKey());
        }
      }
    }
    for (String name : new TreeSet<>(properties.stringPropertyNames())) {
      if (name.startsWith(PROPERTY_PREFIX)) {
        String option = normalize(name.substring(PROPERTY_PREFIX.length()));
        if (isKnown(option, known)) {
          options.put(option, properties.getProperty(name));
          givenAs.put(option, "-D" + name);
        } else {
          problems.add("-D" + name + " is not a Jahiz setting; settings are " + String.join(", ", known));
        }
      }
    }
    if (!options.containsKey("deviceinfo") && Runtime.version().feature() >= 24) {
      // OSHI samples through JNA, whose System.load makes Java 24+ print a restricted-method warning
      // on the app's stderr unless the app runs with --enable-native-access: off unless asked for.
      options.put("deviceinfo", "false");
      givenAs.put("deviceinfo", "the agent's default on Java 24+");
    }
    JahizSettings.Builder builder = JahizSettings.builder().environmentVariables(env::get);
    for (Map.Entry<String, String> e : options.entrySet()) {
      Method m = setterFor(JahizSettings.Builder.class, e.getKey());
      if (m != null) {
        invoke(m, builder, e.getValue());
      }
    }
    String level = options.get("minimumlevel");
    if (level != null && !LEVELS.contains(level.trim().toUpperCase(Locale.ROOT))) {
      problems.add(givenAs.get("minimumlevel") + " must be one of ERROR, WARN, INFO, DEBUG, TRACE, was: " + level);
    }
    for (String flag : List.of("includecallerdata", "othermdctometadata")) {
      if (options.containsKey(flag)) {
        // Read as the appenders read flags (true/false, yes/no, on/off), then handed on as true or false.
        boolean value = JahizSettings.flag(options.get(flag), false, givenAs.get(flag), problems);
        options.put(flag, String.valueOf(value));
      }
    }
    JahizSettings settings = null;
    try {
      settings = builder.build();
    } catch (InvalidSettingsException e) {
      for (String problem : e.problems()) {
        problems.add(problem + whereGiven(problem, givenAs));
      }
    }
    if (!problems.isEmpty()) {
      throw new Invalid(problems);
    }
    return new AgentSettings(options, givenAs, settings);
  }

  JahizSettings settings() {
    return settings;
  }

  /** The value of an option, or null. */
  public String option(String name) {
    return options.get(normalize(name));
  }

  /**
   * Hands every option to an appender (Logback's {@code setX}/{@code addX}) or appender builder
   * (Log4j's {@code setX}) that takes it, by name; options it has no setter for are left out.
   */
  public void applyTo(Object target) {
    for (Map.Entry<String, String> e : options.entrySet()) {
      Method m = setterFor(target.getClass(), e.getKey());
      if (m != null) {
        invoke(m, target, e.getValue());
      }
    }
  }

  private static Set<String> knownOptions() {
    Set<String> known = new TreeSet<>(APPENDER_OPTIONS);
    for (Class<?> options : List.of(JahizSettings.Builder.class, EventMapping.Builder.class)) {
      for (Method m : options.getMethods()) {
        if (m.getDeclaringClass() == options && m.getParameterCount() == 1
            && (m.getParameterTypes()[0] == String.class || m.getParameterTypes()[0] == boolean.class)) {
          known.add(normalize(m.getName()));
        }
      }
    }
    known.remove("addtagkey"); // EventMapping's name for what the appenders call mdcTags
    return known;
  }

  private static boolean isKnown(String option, Set<String> known) {
    return known.contains(option) || known.contains(singular(option));
  }

  /** The public one-argument setter of {@code type} for an option: {@code x}, {@code setX} or {@code addX}. */
  static Method setterFor(Class<?> type, String option) {
    for (Method m : type.getMethods()) {
      if (m.getParameterCount() != 1 || Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      Class<?> p = m.getParameterTypes()[0];
      if (p != String.class && p != boolean.class) {
        continue;
      }
      String name = normalize(m.getName());
      String bare = name.startsWith("set") || name.startsWith("add") ? name.substring(3) : name;
      if (type == JahizSettings.Builder.class ? name.equals(option) || name.equals(singular(option))
          : bare.equals(option) || bare.equals(singular(option))) {
        return m;
      }
    }
    return null;
  }

  private static void invoke(Method m, Object target, String value) {
    try {
      if (m.getParameterTypes()[0] == boolean.class) {
        m.invoke(target, Boolean.parseBoolean(value.trim()));
      } else if (m.getName().startsWith("add") && value.contains(",")) {
        // Logback's repeatable elements (addTag, addMdcTag) take one item each.
        for (String item : value.split(",")) {
          m.invoke(target, item.trim());
        }
      } else {
        m.invoke(target, value);
      }
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot set " + m.getName() + ": " + e, e);
    }
  }

  private static String whereGiven(String problem, Map<String, String> givenAs) {
    String lower = normalize(problem);
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, String> e : givenAs.entrySet()) {
      if (lower.contains(e.getKey())) {
        names.add(e.getValue());
      }
    }
    return names.isEmpty() ? "" : " (from " + String.join(", ", names) + ")";
  }

  /** {@code APP_NAME}, {@code app-name}, {@code app.name} and {@code appName} → {@code appname}. */
  static String normalize(String name) {
    return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(".", "").replace(" ", "");
  }

  private static String singular(String option) {
    return option.endsWith("s") ? option.substring(0, option.length() - 1) : option;
  }

  /** Settings the agent cannot start with, each problem naming the setting as it was given. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    Invalid(List<String> problems) {
      super(String.join("; ", problems));
      this.problems = List.copyOf(problems);
    }

    List<String> problems() {
      return problems;
    }
  }

  @Override
  public String toString() {
    return "AgentSettings(" + givenAs.values() + ", " + settings + ")";
  }
}
