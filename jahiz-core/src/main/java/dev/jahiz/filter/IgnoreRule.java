package dev.jahiz.filter;

import dev.jahiz.classify.ErrorClass;
import dev.jahiz.classify.ErrorClassifier;
import dev.jahiz.classify.ExceptionChain;
import dev.jahiz.report.ErrorReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One rule that keeps a report out of the chat: conditions joined by {@code &&}, all of which must
 * hold. The seed's example, test errors in production:
 * {@code environment=production && message~(?i)\btest\b}. Conditions:
 *
 * <ul>
 *   <li>{@code type=java.net.ConnectException}: the exception or one of its causes is of this type
 *       or a subclass (a simple name such as {@code ValueError} matches any package); for a report
 *       without a live exception, its {@code error_type} or an exception its trace names;
 *   <li>{@code logger=com.example.legacy}: the logger is this one or below it;
 *   <li>{@code message~regex}: the message contains a match of the Java regex;
 *   <li>{@code class=validation_error}: the report's {@link ErrorClass};
 *   <li>{@code environment=staging} (or {@code env=}), {@code app=checkout}: equal, ignoring case;
 *   <li>{@code tag.team=qa}: the tag has this value; {@code tag.synthetic}: the tag is present.
 * </ul>
 *
 * Immutable; {@link #toString()} is the rule as written.
 */
public final class IgnoreRule {
  private final String text;
  private final List<Predicate<Subject>> conditions;

  private IgnoreRule(String text, List<Predicate<Subject>> conditions) {
    this.text = text;
    this.conditions = conditions;
  }

  /**
   * Parses one rule.
   *
   * @throws IllegalArgumentException saying which condition is wrong and what is allowed
   */
  public static IgnoreRule parse(String rule) {
    if (rule == null || rule.isBlank()) {
      throw new IllegalArgumentException("an ignore rule must not be empty");
    }
    List<Predicate<Subject>> conditions = new ArrayList<>();
    for (String part : rule.trim().split("\\s+&&\\s+")) {
      conditions.add(condition(part.trim(), rule.trim()));
    }
    return new IgnoreRule(rule.trim(), List.copyOf(conditions));
  }

  /** Whether the report (with the live exception it came with, if any) matches every condition. */
  public boolean matches(ErrorReport report, Throwable throwable) {
    Subject subject = new Subject(report, throwable);
    for (Predicate<Subject> c : conditions) {
      if (!c.test(subject)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return text;
  }

  private static Predicate<Subject> condition(String c, String rule) {
    int tilde = c.indexOf('~');
    int equals = c.indexOf('=');
    if (c.startsWith("message") && tilde == "message".length()) {
      String regex = c.substring(tilde + 1);
      try {
        Pattern pattern = Pattern.compile(regex);
        return s -> s.report.errorMessage() != null && pattern.matcher(s.report.errorMessage()).find();
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("ignore rule '" + rule + "': message~ needs a Java regex: "
            + e.getDescription() + " near index " + e.getIndex());
      }
    }
    if (c.startsWith("tag.") && equals < 0) {
      String key = c.substring(4);
      return s -> s.report.tags().containsKey(key);
    }
    if (equals <= 0 || equals == c.length() - 1) {
      throw problem(rule, c);
    }
    String key = c.substring(0, equals).trim().toLowerCase(Locale.ROOT);
    String value = c.substring(equals + 1).trim();
    if (key.startsWith("tag.") && key.length() > 4) {
      String tag = c.substring(4, equals).trim();
      return s -> value.equals(s.report.tags().get(tag));
    }
    switch (key) {
      case "type":
        return s -> s.hasType(value);
      case "logger":
        return s -> {
          String logger = s.report.logger();
          return logger != null && (logger.equals(value) || logger.startsWith(value.endsWith(".") ? value : value + "."));
        };
      case "class":
        ErrorClass errorClass;
        try {
          errorClass = ErrorClass.fromWire(value);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("ignore rule '" + rule + "': class must be one of " + ErrorClass.ALLOWED);
        }
        return s -> s.errorClass() == errorClass;
      case "environment":
      case "env":
        return s -> value.equalsIgnoreCase(s.report.environment());
      case "app":
        return s -> value.equalsIgnoreCase(s.report.appName());
      default:
        throw problem(rule, c);
    }
  }

  private static IllegalArgumentException problem(String rule, String condition) {
    return new IllegalArgumentException("ignore rule '" + rule + "': cannot read '" + condition + "'; conditions are"
        + " type=<exception type>, logger=<name>, message~<regex>, class=<error class>, environment=<name>,"
        + " app=<name>, tag.<key>=<value> or tag.<key>, joined by ' && '");
  }

  /** What a rule looks at, with the costly parts (cause chain, class) worked out only when asked. */
  private static final class Subject {
    final ErrorReport report;
    final Throwable throwable;

    Subject(ErrorReport report, Throwable throwable) {
      this.report = report;
      this.throwable = throwable;
    }

    ErrorClass errorClass() {
      if (report.errorClass() != null) {
        return report.errorClass();
      }
      return throwable != null ? ErrorClassifier.classify(throwable) : ErrorClassifier.classify(report);
    }

    boolean hasType(String type) {
      if (throwable != null) {
        for (Throwable t : ExceptionChain.of(throwable)) {
          for (Class<?> c = t.getClass(); c != null && c != Throwable.class; c = c.getSuperclass()) {
            if (sameType(c.getName(), type)) {
              return true;
            }
          }
        }
        return false;
      }
      if (report.errorType() != null && sameType(report.errorType(), type)) {
        return true;
      }
      for (String name : ErrorClassifier.typeNamesIn(report.stacktrace())) {
        if (sameType(name, type)) {
          return true;
        }
      }
      return false;
    }

    /** {@code java.net.ConnectException} matches itself; a simple name matches any package's. */
    private static boolean sameType(String name, String wanted) {
      if (name.equals(wanted)) {
        return true;
      }
      if (wanted.indexOf('.') >= 0) {
        return false;
      }
      return ExceptionChain.simpleName(name).equals(wanted);
    }
  }
}
