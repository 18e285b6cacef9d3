package dev.jahiz.receiver.http;

import io.javalin.http.Context;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Gives every request an id, taken from {@code X-Request-Id} when the caller sent a sane one, put in
 * the logging MDC and echoed in the response, so one request's log lines can be found together.
 */
public final class RequestIds {
  public static final String HEADER = "X-Request-Id";
  public static final String MDC_KEY = "request_id";
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private RequestIds() {}

  public static void assign(Context ctx) {
    String presented = ctx.header(HEADER);
    String id = presented != null && SANE.matcher(presented).matches() ? presented : RandomIds.uuid();
    ctx.header(HEADER, id);
    MDC.put(MDC_KEY, id);
  }

  /** The request's id in the MDC of a thread that takes the request over (an answer to a write). */
  public static void resume(Context ctx) {
    String id = ctx.res().getHeader(HEADER);
    if (id != null) {
      MDC.put(MDC_KEY, id);
    }
  }

  public static void clear() {
    MDC.remove(MDC_KEY);
  }
}
