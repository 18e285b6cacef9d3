package dev.jahiz.fingerprint;

import dev.jahiz.report.ErrorReport;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The grouping key of a report: the same failure thrown from the same code gets the same
 * fingerprint across redeploys and line shifts; different failures get different ones.
 *
 * <p>An explicit {@code fingerprint} on the report wins. Otherwise the key hashes the error type,
 * the message with its variable parts masked (UUIDs, hex, numbers), and the top application frames
 * as {@code class.method}, without line numbers: those of the outermost exception, else of its
 * first cause that has some, else its first library frames. JDK, reflection, proxy, lambda and
 * thread-pool frames never take part (see {@link StackFrames#isIgnored}).
 * A JavaScript trace (Chrome's or Firefox's {@code error.stack}) is read by {@link JavaScriptFrames}.
 */
public final class Fingerprints {
  /** How many application frames take part: enough to tell call sites apart, few enough to survive refactors. */
  public static final int FRAMES = 5;

  private final StackFrames frames;

  private Fingerprints(StackFrames frames) {
    this.frames = frames;
  }

  public static Fingerprints create(StackFrames frames) {
    return new Fingerprints(frames);
  }

  public static Fingerprints byDefault() {
    return new Fingerprints(StackFrames.byDefault());
  }

  /** The fingerprint of a report whose trace is text, e.g. one received over HTTP. */
  public String of(ErrorReport report) {
    if (report.fingerprint() != null && !report.fingerprint().isBlank()) {
      return report.fingerprint();
    }
    String trace = report.stacktrace();
    List<String> top = trace == null ? List.of() : frames.topFramesOfText(trace, FRAMES);
    return hash(report.errorType(), report.errorMessage(), top, report);
  }

  /**
   * The fingerprint of a report and the throwable it came from, without rendering the trace: cheap
   * enough to decide grouping before any formatting is done.
   */
  public String of(ErrorReport report, Throwable throwable) {
    if (throwable == null) {
      return of(report);
    }
    if (report.fingerprint() != null && !report.fingerprint().isBlank()) {
      return report.fingerprint();
    }
    String type = report.errorType() != null ? report.errorType() : throwable.getClass().getName();
    String message = throwable.getMessage() != null ? throwable.getMessage() : report.errorMessage();
    return hash(type, message, frames.topFrames(throwable, FRAMES), report);
  }

  /** The message with its variable parts masked, so "order 123 failed" and "order 456 failed" match. */
  public static String maskMessage(String message) {
    if (message == null) {
      return "";
    }
    return MessageMask.mask(message.length() > 1000 ? message.substring(0, 1000) : message);
  }

  private static String hash(String type, String message, List<String> top, ErrorReport report) {
    StringBuilder key = new StringBuilder(256);
    key.append(type == null ? "" : type).append('\n').append(maskMessage(message)).append('\n');
    if (top.isEmpty()) {
      // Without a trace, where it was logged from is the next best tell of the call site.
      key.append(report.logger()).append('\n').append(report.component());
    }
    for (String frame : top) {
      key.append(frame).append('\n');
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(32);
      for (int i = 0; i < 16; i++) {
        hex.append(Character.forDigit((digest[i] >> 4) & 0xf, 16)).append(Character.forDigit(digest[i] & 0xf, 16));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
