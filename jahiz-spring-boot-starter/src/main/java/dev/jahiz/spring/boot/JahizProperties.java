package dev.jahiz.spring.boot;

import dev.jahiz.config.InvalidSettingsException;
import dev.jahiz.config.JahizOption;
import dev.jahiz.config.JahizSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * The {@code jahiz.*} properties of an app's environment: each option of jahiz-core's table bound
 * by its {@code propertyPath()} (so relaxed binding applies: {@code JAHIZ_TELEGRAM_BOT_TOKEN},
 * {@code jahiz.telegram.botToken}, ...), plus the starter's own {@link StarterOption}s. Options left
 * unset keep jahiz-core's environment fallbacks ({@code TELEGRAM_BOT_TOKEN} and the others).
 * Never prints a value: a problem names the property only.
 */
public final class JahizProperties {
  public static final String PREFIX = "jahiz";
  /** Never copied into a report, whatever {@code jahiz.request.headers} says. */
  private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie",
      "set-cookie");

  /** The MDC keys of Micrometer Tracing's current trace and span, reported as tags when tracing is there. */
  static final List<String> TRACING_MDC_KEYS = List.of("traceId", "spanId");

  private final boolean enabled;
  private final boolean failFast;
  private final boolean reportUnloggedFailures;
  private final List<String> requestHeaders;
  /** Each option set, with its values in order (several for a repeatable option given as a list). */
  private final Map<JahizOption, List<String>> options;
  private final List<String> problems;

  private JahizProperties(Binder binder, String applicationName) {
    List<String> found = new ArrayList<>();
    this.enabled = flag(binder, StarterOption.ENABLED, found);
    this.failFast = flag(binder, StarterOption.FAIL_FAST, found);
    this.reportUnloggedFailures = flag(binder, StarterOption.REPORT_UNLOGGED_FAILURES, found);
    this.requestHeaders = binder.bind(StarterOption.REQUEST_HEADERS.property(), Bindable.listOf(String.class))
        .orElseGet(() -> split(StarterOption.REQUEST_HEADERS.defaultValue().orElse(""))).stream()
        .map(String::trim).filter(h -> !h.isEmpty() && !SECRET_HEADERS.contains(h.toLowerCase(Locale.ROOT)))
        .collect(Collectors.toUnmodifiableList());
    Map<JahizOption, List<String>> bound = new LinkedHashMap<>();
    for (JahizOption option : JahizOption.values()) {
      List<String> values = values(binder, option);
      if (!values.isEmpty()) {
        bound.put(option, values);
      }
    }
    if (!bound.containsKey(JahizOption.APP_NAME) && applicationName != null && !applicationName.isBlank()) {
      // The name the app already has, as the app name of its reports.
      bound.put(JahizOption.APP_NAME, List.of(applicationName));
    }
    if (ClassUtils.isPresent("io.micrometer.tracing.Tracer", JahizProperties.class.getClassLoader())) {
      // Micrometer Tracing puts these in the MDC of every event logged inside a span.
      List<String> tagKeys = new ArrayList<>(bound.getOrDefault(JahizOption.MDC_TAGS, List.of()));
      tagKeys.addAll(TRACING_MDC_KEYS);
      bound.put(JahizOption.MDC_TAGS, tagKeys);
    }
    this.options = Collections.unmodifiableMap(bound);
    if (found.isEmpty()) {
      found.addAll(check());
    }
    this.problems = List.copyOf(found);
  }

  /** Binds the environment; never throws for a bad value (see {@link #problems()}). */
  public static JahizProperties of(Environment environment) {
    JahizProperties properties =
        new JahizProperties(Binder.get(environment), environment.getProperty("spring.application.name"));
    List<String> unknown = UnknownProperties.in(environment);
    if (unknown.isEmpty()) {
      return properties;
    }
    List<String> problems = new ArrayList<>(unknown);
    problems.addAll(properties.problems);
    return new JahizProperties(properties, problems);
  }

  private JahizProperties(JahizProperties bound, List<String> problems) {
    this.enabled = bound.enabled;
    this.failFast = bound.failFast;
    this.reportUnloggedFailures = bound.reportUnloggedFailures;
    this.requestHeaders = bound.requestHeaders;
    this.options = bound.options;
    this.problems = List.copyOf(problems);
  }

  /** The full property name of an option, e.g. {@code jahiz.telegram.bot-token}. */
  public static String property(JahizOption option) {
    return PREFIX + "." + option.propertyPath();
  }

  /**
   * An option's values under its property path, or else under its other spellings, as the agent's
   * {@code -Djahiz.botToken} and older {@code jahiz.tag} have them.
   */
  private static List<String> values(Binder binder, JahizOption option) {
    List<String> names = new ArrayList<>(List.of(property(option), PREFIX + "." + canonical(option.optionName())));
    option.alias().ifPresent(alias -> names.add(PREFIX + "." + canonical(alias)));
    for (String name : names) {
      List<String> values = values(binder, name, option.repeatable());
      if (!values.isEmpty()) {
        return values;
      }
    }
    return List.of();
  }

  private static List<String> values(Binder binder, String name, boolean repeatable) {
    // A plain value first: a repeatable option's own separators (",", or ";" for ignore rules) are
    // jahiz-core's to read, and Spring would split an ignore rule's regex at its commas.
    String single = binder.bind(name, Bindable.of(String.class)).orElse(null);
    if (single != null) {
      return single.isBlank() ? List.of() : List.of(single);
    }
    return repeatable ? binder.bind(name, Bindable.listOf(String.class)).orElse(List.of()) : List.of();
  }

  /** {@code botToken} as Spring's canonical {@code bottoken}, which relaxed binding matches to {@code botToken}. */
  private static String canonical(String optionName) {
    return optionName.toLowerCase(Locale.ROOT);
  }

  private static boolean flag(Binder binder, StarterOption option, List<String> problems) {
    String value = binder.bind(option.property(), Bindable.of(String.class)).orElse(null);
    boolean fallback = Boolean.parseBoolean(option.defaultValue().orElse("false"));
    return JahizSettings.flag(value, fallback, option.property(), problems);
  }

  private static List<String> split(String list) {
    return Arrays.asList(list.split(","));
  }

  /** What jahiz-core says of these options, each problem followed by the properties it is about. */
  private List<String> check() {
    JahizSettings.Builder settings = JahizSettings.builder();
    forEachOption(settings::set);
    try {
      settings.build();
      return List.of();
    } catch (InvalidSettingsException e) {
      return e.problems().stream().map(this::withProperty).collect(Collectors.toList());
    }
  }

  /** "queueCapacity must be a whole number, was: lots" → "... (jahiz.queue.capacity)". */
  private String withProperty(String problem) {
    List<String> named = options.keySet().stream().filter(o -> problem.contains(o.optionName()))
        .map(JahizProperties::property).collect(Collectors.toList());
    return named.isEmpty() ? problem : problem + " (" + String.join(", ", named) + ")";
  }

  /** Hands each option to a framework's appender or to jahiz-core, by table entry, in order. */
  public void forEachOption(BiConsumer<JahizOption, String> target) {
    options.forEach((option, values) -> values.forEach(v -> target.accept(option, v)));
  }

  /** The value of an option as set, or the table's default; the first one for a repeatable option. */
  public String valueOf(JahizOption option) {
    List<String> values = options.get(option);
    return values != null ? values.get(0) : option.defaultValue().orElse(null);
  }

  public boolean isSet(JahizOption option) {
    return options.containsKey(option);
  }

  public boolean enabled() {
    return enabled;
  }

  public boolean failFast() {
    return failFast;
  }

  public boolean reportUnloggedFailures() {
    return reportUnloggedFailures;
  }

  /** The allow-listed request headers, secret ones already taken out. */
  public List<String> requestHeaders() {
    return requestHeaders;
  }

  /** Settings that cannot work, each naming its property; empty when Jahiz can start. */
  public List<String> problems() {
    return problems;
  }
}
