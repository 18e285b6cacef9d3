package dev.jahiz.classify;

import dev.jahiz.report.ErrorReport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides a report's {@link ErrorClass} from its exception and the exception's causes, outermost
 * first: the first of them that says what kind of failure it is decides. The seed's rules
 * ({@code ValueError} → validation, {@code ConnectionError} → connection, ...) carried over to the
 * names Java, Python and JavaScript give the same failures.
 *
 * <p>Types are matched by name, so that a live exception and a report of one (a seed client's
 * {@code error_type}, a Sentry event, a Java stack trace posted as text) get the same class. For a
 * live {@link Throwable} every class of its hierarchy is tried, most specific first, so subclasses
 * count: a {@code NumberFormatException} is an {@code IllegalArgumentException}, hence validation;
 * a library's {@code FooTimeoutException} is a timeout without Jahiz knowing the library. When no
 * type decides, the messages are searched for the error codes Node.js puts there ({@code ECONNREFUSED},
 * {@code ETIMEDOUT}, {@code EACCES}), for what the JDK's sockets say in a plain {@code IOException}
 * ({@code Connection reset by peer}, {@code Broken pipe}, {@code Read timed out}) and for {@code Too
 * Many Requests}.
 *
 * <p>Never throws: an exception that breaks while being read is classified from what could be read.
 */
public final class ErrorClassifier {
  /** Lines of a text stack trace searched for exception names. */
  private static final int MAX_TRACE_LINES = 2_000;

  private static final Set<String> PERMISSION_NAMES = Set.of(
      "SecurityException", "AccessControlException", "SecurityError", "NotAllowedError", "EACCES", "EPERM");
  private static final Set<String> CONNECTION_NAMES = Set.of(
      "SocketException", "NoRouteToHostException", "UnknownHostException", "PortUnreachableException",
      "ClosedChannelException", "CommunicationsException", "BrokenPipeError", "gaierror", "herror",
      "ProtocolError", "RemoteDisconnected", "IncompleteRead", "FetchError");
  private static final Set<String> VALIDATION_NAMES = Set.of(
      "IllegalArgumentException", "NumberFormatException", "PatternSyntaxException", "IllegalCharsetNameException",
      "UnsupportedCharsetException", "InvalidParameterException", "InvalidPathException", "DateTimeParseException",
      "InputMismatchException", "IllegalFormatException", "ValueError", "UnicodeError", "UnicodeDecodeError",
      "UnicodeEncodeError", "UnicodeTranslateError", "JSONDecodeError", "BadRequest", "InvalidArgument");

  private static final Pattern NODE_CONNECTION =
      Pattern.compile("\\b(ECONNREFUSED|ECONNRESET|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EPIPE|EAI_AGAIN)\\b");
  private static final Pattern NODE_TIMEOUT = Pattern.compile("\\b(ETIMEDOUT|ESOCKETTIMEDOUT)\\b");
  private static final Pattern NODE_PERMISSION = Pattern.compile("\\b(EACCES|EPERM)\\b");
  /**
   * What a plain {@code IOException} from the JDK's sockets or an HTTP client says when the peer
   * went away: {@code Connection reset by peer}, {@code Broken pipe}, {@code unexpected end of stream}.
   */
  private static final Pattern IO_CONNECTION = Pattern.compile("(?i)\\bconnection (reset|refused|closed|aborted)\\b"
      + "|\\bbroken pipe\\b|\\bno route to host\\b|\\bnetwork is unreachable\\b|\\bunexpected end of stream\\b");
  private static final Pattern IO_TIMEOUT = Pattern.compile("(?i)\\b(read|connect|connection|operation) timed out\\b");
  private static final Pattern TOO_MANY_REQUESTS = Pattern.compile("(?i)\\btoo many requests\\b|\\brate limit(ed)?\\b");

  /** A line of a text trace that names an exception: {@code java.io.IOException: ...}, {@code ValueError}. */
  private static final Pattern EXCEPTION_LINE =
      Pattern.compile("^(?:Caused by: )?([A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)*)(?::|$)");
  private static final Pattern TYPE_LIKE = Pattern.compile(
      ".*\\..*|.*(Error|Exception|Timeout|timeout|Denied|Forbidden|TooManyRequests|RequestNotPermitted|Throttled"
          + "|gaierror|herror)$");

  private ErrorClassifier() {}

  /** The class of a live exception, from it and its causes, each with its superclasses. */
  public static ErrorClass classify(Throwable throwable) {
    if (throwable == null) {
      return ErrorClass.UNKNOWN_ERROR;
    }
    List<String> messages = new ArrayList<>();
    for (Throwable t : ExceptionChain.of(throwable)) {
      for (Class<?> c = t.getClass(); c != null && c != Throwable.class; c = c.getSuperclass()) {
        ErrorClass byName = ofTypeName(c.getName());
        if (byName != ErrorClass.UNKNOWN_ERROR) {
          return byName;
        }
      }
      messages.add(messageOf(t));
    }
    return ofMessages(messages);
  }

  /**
   * The class of a report that carries no live exception: from {@code error_type}, the exception
   * names its stack trace shows ({@code Caused by:} lines of a Java trace, the exception lines of a
   * Python traceback, the first line of a JavaScript stack), then its message.
   */
  public static ErrorClass classify(ErrorReport report) {
    List<String> names = new ArrayList<>();
    if (report.errorType() != null) {
      names.add(report.errorType());
    }
    names.addAll(typeNamesIn(report.stacktrace()));
    return classify(names, report.errorMessage());
  }

  /**
   * The class of an exception chain known by names only, outermost first, with the outermost
   * message for when no name decides.
   */
  public static ErrorClass classify(List<String> typeNames, String message) {
    for (String name : typeNames) {
      ErrorClass c = ofTypeName(name);
      if (c != ErrorClass.UNKNOWN_ERROR) {
        return c;
      }
    }
    return ofMessages(message == null ? List.of() : List.of(message));
  }

  /**
   * The class one type name stands for, qualified or not: {@code java.net.ConnectException},
   * {@code requests.exceptions.ReadTimeout}, {@code ReferenceError}. Only the simple name counts.
   */
  public static ErrorClass ofTypeName(String typeName) {
    if (typeName == null) {
      return ErrorClass.UNKNOWN_ERROR;
    }
    String s = ExceptionChain.simpleName(typeName.trim());
    if (s.isEmpty()) {
      return ErrorClass.UNKNOWN_ERROR;
    }
    if (s.contains("RateLimit") || s.contains("TooManyRequests") || s.contains("Throttl") || s.contains("QuotaExceeded")
        || s.equals("RequestNotPermitted")) {
      return ErrorClass.RATE_LIMITED;
    }
    if (s.contains("Timeout") || s.contains("TimedOut") || s.equals("timeout")) {
      return ErrorClass.TIMEOUT_ERROR;
    }
    if (s.contains("Permission") || s.contains("AccessDenied") || s.contains("Forbidden")
        || PERMISSION_NAMES.contains(s)) {
      return ErrorClass.PERMISSION_ERROR;
    }
    if (s.contains("Connect") || CONNECTION_NAMES.contains(s)) {
      return ErrorClass.CONNECTION_ERROR;
    }
    if (s.contains("Validation") || s.contains("NotValid") || s.contains("ConstraintViolation")
        || VALIDATION_NAMES.contains(s)) {
      return ErrorClass.VALIDATION_ERROR;
    }
    return ErrorClass.UNKNOWN_ERROR;
  }

  /**
   * The exception names a text stack trace shows, outermost first, whatever the language: Java's
   * first line and {@code Caused by:} lines; a Python traceback's exception lines (printed root
   * cause first, so reversed here); a JavaScript stack's first line.
   */
  public static List<String> typeNamesIn(String stacktrace) {
    if (stacktrace == null || stacktrace.isBlank()) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    int lines = 0;
    int start = 0;
    while (start <= stacktrace.length() && lines++ < MAX_TRACE_LINES) {
      int end = stacktrace.indexOf('\n', start);
      if (isIndentedFrame(stacktrace, start, end < 0 ? stacktrace.length() : end)) {
        if (end < 0) {
          break;
        }
        start = end + 1;
        continue; // "\tat ..." and the like: most lines, not worth a copy each
      }
      String line = stacktrace.substring(start, end < 0 ? stacktrace.length() : end);
      String candidate = line.startsWith(" ") || line.startsWith("\t") ? line.trim() : line;
      if (candidate == line || candidate.startsWith("Caused by: ")) {
        Matcher m = EXCEPTION_LINE.matcher(candidate.endsWith("\r") ? candidate.substring(0, candidate.length() - 1)
            : candidate);
        if (m.lookingAt() && TYPE_LIKE.matcher(m.group(1)).matches()) {
          names.add(m.group(1));
        }
      }
      if (end < 0) {
        break;
      }
      start = end + 1;
    }
    if (stacktrace.startsWith("Traceback") || stacktrace.contains("\n  File \"")) {
      Collections.reverse(names);
    }
    return names;
  }

  /** An indented line that is not an indented "Caused by: " line: one {@link #typeNamesIn} skips. */
  private static boolean isIndentedFrame(String trace, int start, int end) {
    if (start >= end || (trace.charAt(start) != ' ' && trace.charAt(start) != '\t')) {
      return false;
    }
    int first = start;
    while (first < end && trace.charAt(first) <= ' ') {
      first++;
    }
    return !trace.startsWith("Caused by: ", first);
  }

  private static ErrorClass ofMessages(List<String> messages) {
    for (String m : messages) {
      if (m == null) {
        continue;
      }
      if (NODE_TIMEOUT.matcher(m).find() || IO_TIMEOUT.matcher(m).find()) {
        return ErrorClass.TIMEOUT_ERROR;
      }
      if (NODE_CONNECTION.matcher(m).find() || IO_CONNECTION.matcher(m).find()) {
        return ErrorClass.CONNECTION_ERROR;
      }
      if (NODE_PERMISSION.matcher(m).find()) {
        return ErrorClass.PERMISSION_ERROR;
      }
      if (TOO_MANY_REQUESTS.matcher(m).find()) {
        return ErrorClass.RATE_LIMITED;
      }
    }
    return ErrorClass.UNKNOWN_ERROR;
  }

  private static String messageOf(Throwable t) {
    try {
      return t.getMessage();
    } catch (Throwable broken) {
      return null;
    }
  }

}
