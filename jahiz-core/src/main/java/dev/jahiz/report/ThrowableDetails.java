package dev.jahiz.report;

import dev.jahiz.classify.ErrorClassifier;
import dev.jahiz.fingerprint.StackFrames;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * The encode step for exceptions: fills a report's {@code error_type}, {@code stacktrace},
 * {@code file_name}, {@code line_number}, {@code function_name}, {@code error_class} and
 * {@code component} from the throwable it came with.
 * Runs on a delivery thread, never on the logging thread: rendering a trace is the costly part.
 */
public final class ThrowableDetails {
  private ThrowableDetails() {}

  /** The report with every exception field it does not set yet filled from the throwable. */
  public static ErrorReport complete(ErrorReport report, Throwable throwable, StackFrames frames) {
    if (throwable == null) {
      return report;
    }
    ErrorReport.Builder b = report.toBuilder();
    if (report.errorType() == null) {
      b.errorType(throwable.getClass().getName());
    }
    if (report.stacktrace() == null) {
      b.stacktrace(stackTraceOf(throwable));
    }
    if (report.errorClass() == null) {
      b.errorClass(ErrorClassifier.classify(throwable));
    }
    // A wrapper's own frames are often all framework ones: the application frame may be in a cause.
    StackTraceElement appFrame = frames.firstApplicationFrame(throwable);
    if (appFrame != null && (report.component() == null || report.component().equals(simpleName(report.logger())))) {
      // Where the failure is in the app's code says more than the logger (Tomcat's, a scheduler's).
      b.component(simpleClassName(appFrame.getClassName()));
    }
    if (report.fileName() == null && report.lineNumber() == null && report.functionName() == null) {
      StackTraceElement frame = appFrame != null ? appFrame : frames.firstApplicationFrame(throwable.getStackTrace());
      if (frame != null) {
        b.fileName(frame.getFileName())
            .lineNumber(frame.getLineNumber() >= 0 ? frame.getLineNumber() : null)
            .functionName(frame.getClassName() + "." + frame.getMethodName());
      }
    }
    return b.build();
  }

  /** The last segment of a logger name, what a report's component defaults to. */
  public static String simpleName(String loggerName) {
    if (loggerName == null) {
      return null;
    }
    int dot = loggerName.lastIndexOf('.');
    return dot < 0 || dot == loggerName.length() - 1 ? loggerName : loggerName.substring(dot + 1);
  }

  /** {@code OrderController} for {@code com.acme.OrderController$1}; a named nested class keeps its own name. */
  static String simpleClassName(String className) {
    String[] parts = simpleName(className).split("\\$");
    for (int i = parts.length - 1; i > 0; i--) {
      if (!parts[i].isEmpty() && !Character.isDigit(parts[i].charAt(0)) && !parts[i].startsWith("lambda")) {
        return parts[i];
      }
    }
    return parts[0];
  }

  /** The JVM's own rendering: causes, suppressed exceptions and "... n more" for common frames. */
  public static String stackTraceOf(Throwable throwable) {
    StringWriter out = new StringWriter(2048);
    try (PrintWriter writer = new PrintWriter(out)) {
      throwable.printStackTrace(writer);
    } catch (RuntimeException brokenToString) {
      // A throwable whose getMessage() or toString() throws still gets reported, with what we have.
      return throwable.getClass().getName() + " (stack trace unavailable: " + brokenToString + ")";
    }
    return out.toString();
  }
}
