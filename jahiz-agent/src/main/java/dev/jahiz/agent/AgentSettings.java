package dev.jahiz.agent;

import dev.jahiz.config.InvalidSettingsException;
import dev.jahiz.config.JahizOption;
import dev.jahiz.config.JahizSettings;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The agent's settings: {@code JAHIZ_<OPTION>} environment variables and {@code -Djahiz.<option>}
 * system properties (which win), one for every option of jahiz-core's {@link JahizOption} table,
 * plus the variables the appenders already fall back to ({@code TELEGRAM_BOT_TOKEN}, {@code
 * TELEGRAM_CHAT_ID}, {@code WEBHOOK_SECRET}, {@code JAHIZ_RECEIVER_URL}, {@code
 * JAHIZ_TELEGRAM_API_URL}).
 *
 * <p>The option names are not listed here: an option of the table is an agent setting, under any
 * of its spellings ({@code JAHIZ_APP_NAME}, {@code -Djahiz.appName}, {@code -Djahiz.app-name};
 * {@code JAHIZ_TELEGRAM_BOT_TOKEN} or {@code JAHIZ_BOT_TOKEN}).
 */
public final class AgentSettings {
  static final String ENV_PREFIX = "JAHIZ_";
  static final String PROPERTY_PREFIX = "jahiz.";

  /** Option → value, in the order given. */
  private final Map<JahizOption, String> options;
  private final JahizSettings settings;

  private AgentSettings(Map<JahizOption, String> options, JahizSettings settings) {
    this.options = options;
    this.settings = settings;
  }

  /** Reads and checks everything; the exception names each bad setting as the user wrote it. */
  static AgentSettings read(Map<String, String> env, Properties properties) throws Invalid {
    Map<JahizOption, String> options = new LinkedHashMap<>();
    Map<String, String> givenAs = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
      if (e.getKey().startsWith(ENV_PREFIX)) {
        // Other JAHIZ_ variables (the receiver's, for one) may share the environment: only ours are read.
        JahizOption.named(e.getKey().substring(ENV_PREFIX.length())).ifPresent(option -> {
          options.put(option, e.getValue());
          givenAs.put(option.optionName(), e.getKey());
        });
      }
    }
    for (String name : new TreeSet<>(properties.stringPropertyNames())) {
      if (name.startsWith(PROPERTY_PREFIX)) {
        Optional<JahizOption> option = JahizOption.named(name.substring(PROPERTY_PREFIX.length()));
        if (option.isPresent()) {
          options.put(option.get(), properties.getProperty(name));
          givenAs.put(option.get().optionName(), "-D" + name);
        } else {
          problems.add("-D" + name + " is not a Jahiz setting; settings are " + optionNames());
        }
      }
    }
    if (!options.containsKey(JahizOption.DEVICE_INFO) && Runtime.version().feature() >= 24) {
      // OSHI samples through JNA, whose System.load makes Java 24+ print a restricted-method warning
      // on the app's stderr unless the app runs with --enable-native-access: off unless asked for.
      options.put(JahizOption.DEVICE_INFO, "false");
    }
    JahizSettings.Builder builder = JahizSettings.builder().environmentVariables(env::get);
    options.forEach(builder::set);
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
    return new AgentSettings(options, settings);
  }

  JahizSettings settings() {
    return settings;
  }

  /** The value of an option, or null. */
  public String option(String name) {
    return JahizOption.named(name).map(options::get).orElse(null);
  }

  /**
   * Hands every option to an appender or appender builder through its {@code option(name, value)},
   * the one method both appenders take any option of the table by.
   */
  public void applyTo(Object target) {
    try {
      Method option = target.getClass().getMethod("option", String.class, String.class);
      for (Map.Entry<JahizOption, String> e : options.entrySet()) {
        option.invoke(target, e.getKey().optionName(), e.getValue());
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot configure " + target.getClass().getName() + ": " + e, e);
    }
  }

  private static String optionNames() {
    List<String> names = new ArrayList<>();
    for (JahizOption option : JahizOption.values()) {
      names.add(option.optionName());
    }
    return String.join(", ", names);
  }

  private static String whereGiven(String problem, Map<String, String> givenAs) {
    String lower = normalize(problem);
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, String> e : givenAs.entrySet()) {
      if (lower.contains(normalize(e.getKey()))) {
        names.add(e.getValue());
      }
    }
    return names.isEmpty() ? "" : " (from " + String.join(", ", names) + ")";
  }

  /** {@code APP_NAME}, {@code app-name}, {@code app.name} and {@code appName} → {@code appname}. */
  static String normalize(String name) {
    return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(".", "").replace(" ", "");
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
    return "AgentSettings(" + options.keySet() + ", " + settings + ")";
  }
}
