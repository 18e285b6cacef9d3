package dev.jahiz.receiver.ingest;

import dev.jahiz.receiver.http.ApiError;
import dev.jahiz.receiver.metrics.ReceiverMetrics;
import dev.jahiz.receiver.metrics.ReceiverMetrics.ReportOutcome;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Reads a write request's raw body within the size limit and the body timeout, for every write
 * endpoint alike: 413 over the limit, 408 when it trickles in too slowly, 400 when it ends early.
 */
public final class RequestBodies {
  private final int maxBodyBytes;
  private final Duration bodyTimeout;
  private final ReceiverMetrics metrics;

  public RequestBodies(int maxBodyBytes, Duration bodyTimeout, ReceiverMetrics metrics) {
    this.maxBodyBytes = maxBodyBytes;
    this.bodyTimeout = bodyTimeout;
    this.metrics = metrics;
  }

  /** The whole body; throws {@link ApiError} (counted) when it is too large, too slow or cut short. */
  public byte[] read(Context ctx) {
    String declared = ctx.header("Content-Length");
    if (declared != null) {
      try {
        if (Long.parseLong(declared.trim()) > maxBodyBytes) {
          throw tooLarge();
        }
      } catch (NumberFormatException ignored) {
        // A malformed length is Jetty's to refuse; the bounded read below still protects us.
      }
    }
    // A body trickling in holds a thread: it gets the body timeout in all, however steadily it arrives.
    long deadline = System.nanoTime() + bodyTimeout.toNanos();
    try (InputStream in = ctx.bodyInputStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int n;
      while ((n = in.read(buffer)) != -1) {
        out.write(buffer, 0, n);
        if (out.size() > maxBodyBytes) {
          throw tooLarge();
        }
        if (System.nanoTime() - deadline > 0) {
          throw bodyTooSlow();
        }
      }
      return out.toByteArray();
    } catch (IOException e) {
      if (isTimeout(e)) {
        throw bodyTooSlow();
      }
      // The client closed the connection or sent less than its Content-Length: its problem, not ours.
      metrics.report(ReportOutcome.INCOMPLETE, 1);
      throw ApiError.of(400, "incomplete body", "the request body ended before its declared length");
    }
  }

  private ApiError bodyTooSlow() {
    metrics.report(ReportOutcome.TOO_SLOW, 1);
    return ApiError.of(408, "request timeout", "the body must arrive within " + bodyTimeout.toSeconds() + " s");
  }

  private static boolean isTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.util.concurrent.TimeoutException || t instanceof java.net.SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }

  private ApiError tooLarge() {
    metrics.report(ReportOutcome.TOO_LARGE, 1);
    return ApiError.of(413, "payload too large", "the body must be at most " + maxBodyBytes + " bytes");
  }


  /** The request's media type without parameters, lower case; empty when absent. */
  public static String mediaType(Context ctx) {
    String contentType = ctx.header("Content-Type");
    return contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
  }

  public static boolean isJson(String mediaType) {
    return mediaType.equals("application/json") || mediaType.endsWith("+json");
  }
}
