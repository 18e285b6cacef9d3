package dev.jahiz.config;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one reading of option text, by {@link JahizOption.Kind}: every adapter's values end up read
 * here, so {@code yes}, {@code 5m} or {@code 1_000} mean the same in every config. A value that
 * cannot be read joins {@code problems}, named by its option, and reads as unset.
 */
final class OptionValues {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h|millis|seconds?|minutes?|hours?)?");
  static final Set<String> LEVELS = Set.of("FATAL", "ERROR", "WARN", "INFO", "DEBUG", "TRACE");

  private final Map<JahizOption, String> values;
  private final UnaryOperator<String> env;
  private final List<String> problems;

  OptionValues(Map<JahizOption, String> values, UnaryOperator<String> env, List<String> problems) {
    this.values = values;
    this.env = env;
    this.problems = problems;
  }

  /** Whether the option was given (not counting its environment fallback). */
  boolean given(JahizOption option) {
    return values.containsKey(option);
  }

  /** The trimmed text, else the option's plain environment variable, else null. */
  String text(JahizOption option) {
    String value = values.get(option);
    if (value == null && option.plainEnvironmentVariable().isPresent()) {
      value = env.apply(option.plainEnvironmentVariable().get());
    }
    return value == null || value.isBlank() ? null : value.trim();
  }

  /** The value or the option's default. */
  String textOrDefault(JahizOption option) {
    String value = text(option);
    return value != null ? value : option.defaultValue().orElse(null);
  }

  boolean flag(JahizOption option) {
    boolean fallback = Boolean.parseBoolean(option.defaultValue().orElse("false"));
    return parseFlag(text(option), fallback, option.optionName(), problems);
  }

  Long wholeNumber(JahizOption option) {
    String value = text(option);
    if (value == null) {
      return null;
    }
    try {
      return Long.parseLong(value.replace("_", ""));
    } catch (NumberFormatException e) {
      problems.add(option.optionName() + " must be a whole number, was: " + value);
      return null;
    }
  }

  Integer smallWholeNumber(JahizOption option) {
    Long n = wholeNumber(option);
    if (n != null && (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE)) {
      problems.add(option.optionName() + " is too large, was: " + text(option));
      return null;
    }
    return n == null ? null : n.intValue();
  }

  Duration duration(JahizOption option) {
    String value = text(option);
    return value == null ? null : parseDuration(value, option.optionName(), problems);
  }

  /** Upper-case, one of {@link #LEVELS}; the default when unset or unreadable. */
  String level(JahizOption option) {
    String value = textOrDefault(option).toUpperCase(Locale.ROOT);
    if (!LEVELS.contains(value)) {
      problems.add(option.optionName() + " must be one of FATAL, ERROR, WARN, INFO, DEBUG, TRACE, was: " + text(option));
      return option.defaultValue().orElse("ERROR");
    }
    return value;
  }

  /** The items of a list option: split on commas ({@code ignore}: on {@code ;}), trimmed, blanks dropped. */
  List<String> list(JahizOption option) {
    List<String> items = new ArrayList<>();
    String value = text(option);
    if (value != null) {
      for (String item : value.split(option.separator())) {
        if (!item.isBlank()) {
          items.add(item.trim());
        }
      }
    }
    return items;
  }

  /** {@code key=value} or a bare {@code key} per item. */
  Map<String, String> keyValues(JahizOption option) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String item : list(option)) {
      int eq = item.indexOf('=');
      String key = eq < 0 ? item : item.substring(0, eq).trim();
      if (key.isEmpty()) {
        problems.add("tag '" + item + "' has no key: write key=value or key");
        continue;
      }
      out.put(key, eq < 0 ? "" : item.substring(eq + 1).trim());
    }
    return out;
  }

  Proxy proxy(JahizOption option) {
    String value = text(option);
    if (value == null) {
      return null;
    }
    try {
      URI uri = URI.create(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (uri.getHost() == null || uri.getPort() < 0 || !(scheme.startsWith("http") || scheme.startsWith("socks"))) {
        throw new IllegalArgumentException();
      }
      Proxy.Type type = scheme.startsWith("socks") ? Proxy.Type.SOCKS : Proxy.Type.HTTP;
      return new Proxy(type, InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort()));
    } catch (IllegalArgumentException e) {
      problems.add(option.optionName() + " must look like http://host:port or socks://host:port, was: " + value);
      return null;
    }
  }

  static boolean parseFlag(String value, boolean fallback, String name, List<String> problems) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.equals("true") || v.equals("yes") || v.equals("on")) {
      return true;
    }
    if (v.equals("false") || v.equals("no") || v.equals("off")) {
      return false;
    }
    problems.add(name + " must be true or false, was: " + value);
    return fallback;
  }

  static Duration parseDuration(String value, String name, List<String> problems) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    try {
      if (v.startsWith("p")) {
        return Duration.parse(v.toUpperCase(Locale.ROOT));
      }
    } catch (RuntimeException e) {
      problems.add(name + " must be a duration such as 60s, 5m, 500ms or PT1M, was: " + value);
      return null;
    }
    Matcher m = DURATION.matcher(v);
    if (!m.matches()) {
      problems.add(name + " must be a duration such as 60s, 5m, 500ms or PT1M, was: " + value);
      return null;
    }
    try {
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      if (unit.startsWith("ms") || unit.startsWith("milli")) {
        return Duration.ofMillis(n);
      }
      if (unit.equals("m") || unit.startsWith("min")) {
        return Duration.ofMinutes(n);
      }
      if (unit.startsWith("h")) {
        return Duration.ofHours(n);
      }
      return Duration.ofSeconds(n);
    } catch (ArithmeticException | NumberFormatException tooLarge) {
      problems.add(name + " is too large, was: " + value);
      return null;
    }
  }
}
