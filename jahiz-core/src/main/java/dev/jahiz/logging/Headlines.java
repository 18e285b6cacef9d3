package dev.jahiz.logging;

import dev.jahiz.report.ErrorReport;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Recognizes what frameworks log around an exception they did not handle: Tomcat's
 * "Servlet.service() for servlet [dispatcherServlet] … threw exception", Spring MVC's "Request
 * processing failed", Spring's "Unexpected error occurred in scheduled task", an executor's
 * "Uncaught exception" and the like. Such text says where the failure surfaced, not what failed,
 * so the report's headline becomes the root cause's type and message and the logged text is kept
 * as {@link ErrorReport#logMessage()}.
 */
public final class Headlines {
  private static final List<Wrapper> WRAPPERS = List.of(
      // Tomcat (every locale keeps "Servlet.service()"), also for its other servlets and JSPs.
      new Wrapper("org.apache.catalina.", "Servlet\\.service\\(\\)"),
      // Jetty 9-12: "handleException /path", "/path", "Error while handling …", "Failure while handling …".
      new Wrapper("org.eclipse.jetty.server.", null),
      new Wrapper("org.eclipse.jetty.ee", null),
      new Wrapper("org.eclipse.jetty.servlet.", null),
      // Undertow: "UT005023: Exception handling request to /path".
      new Wrapper("io.undertow.request", null),
      new Wrapper("io.undertow.", "UT005023|UT005071|[Ee]xception handling request"),
      // Netty's pipeline tail and Reactor Netty's connection handling.
      new Wrapper("io.netty.", "exceptionCaught\\(\\)|An exception was thrown|Unexpected exception"),
      new Wrapper("reactor.netty.", null),
      // Spring WebFlux: "[5ac2…-1] 500 Server Error for HTTP GET \"/path\"", "[…] Error […] for HTTP GET …".
      new Wrapper("org.springframework.boot.", "\\d{3} Server Error for HTTP"),
      new Wrapper("org.springframework.web.server.", "for HTTP [A-Z]+ "),
      new Wrapper(null, "Request processing failed"),
      new Wrapper(null, "^Unexpected error occurred in scheduled task"),
      new Wrapper(null, "^Unexpected exception occurred invoking async method"),
      new Wrapper(null, "^(?:Uncaught|Unhandled) exception"));

  private static final int MAX_CAUSES = 32;

  private Headlines() {}

  /** True when a framework logged this generic text around an exception rather than a message of its own. */
  public static boolean isFrameworkWrapper(String logger, String message) {
    if (message == null) {
      return false;
    }
    for (Wrapper w : WRAPPERS) {
      if (w.matches(logger, message)) {
        return true;
      }
    }
    return false;
  }

  /** The innermost cause of a chain, cycles and absurd depths guarded. */
  public static Throwable rootCause(Throwable throwable) {
    Throwable t = throwable;
    for (int i = 0; i < MAX_CAUSES && t.getCause() != null && t.getCause() != t; i++) {
      t = t.getCause();
    }
    return t;
  }

  /**
   * The report with its headline taken from the throwable's root cause when the logged text is a
   * framework's wrapper; the logged text moves to {@code log_message}. Other reports are returned
   * as they are.
   */
  public static ErrorReport fromRootCause(ErrorReport report, Throwable throwable) {
    if (throwable == null || report.logMessage() != null
        || !isFrameworkWrapper(report.logger(), report.errorMessage())) {
      return report;
    }
    Throwable root = rootCause(throwable);
    String message;
    try {
      message = root.getMessage();
    } catch (RuntimeException brokenMessage) {
      return report;
    }
    return report.toBuilder()
        .errorType(root.getClass().getName())
        .errorMessage(message == null || message.isBlank() ? "(no message)" : message)
        .logMessage(report.errorMessage())
        .build();
  }

  private static final class Wrapper {
    private final String loggerPrefix;
    private final Pattern message;

    Wrapper(String loggerPrefix, String messageRegex) {
      this.loggerPrefix = loggerPrefix;
      this.message = messageRegex == null ? null : Pattern.compile(messageRegex);
    }

    boolean matches(String logger, String text) {
      if (loggerPrefix != null && (logger == null || !logger.startsWith(loggerPrefix))) {
        return false;
      }
      return message == null || message.matcher(text).find();
    }
  }
}
