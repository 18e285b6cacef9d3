package dev.jahiz.logging;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@link CallerContext}s registered in this class loader, and the one call the appenders make
 * for a reported event. JVM-wide (per class loader) rather than per appender because an
 * integration and the appenders are set up independently: the Spring Boot starter's request context
 * also reaches a Jahiz appender the app declared in its own {@code logback.xml}.
 *
 * <p>Thread-safe; with nothing registered, {@link #addTo} is one volatile read.
 */
public final class CallerContexts {
  /** The metadata entry that tells, in the report itself, that a context failed. */
  public static final String ERROR_KEY = "jahiz.caller_context_error";

  private static final CallerContext[] NONE = new CallerContext[0];
  private static volatile CallerContext[] registered = NONE;

  private CallerContexts() {}

  /** A registration; {@link #close()} removes the context again (once; later calls do nothing). */
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  /** Adds {@code context} until the returned registration is closed. */
  public static Registration register(CallerContext context) {
    if (context == null) {
      throw new NullPointerException("context");
    }
    synchronized (CallerContexts.class) {
      CallerContext[] next = Arrays.copyOf(registered, registered.length + 1);
      next[next.length - 1] = context;
      registered = next;
    }
    return () -> remove(context);
  }

  private static synchronized void remove(CallerContext context) {
    CallerContext[] current = registered;
    for (int i = 0; i < current.length; i++) {
      if (current[i] == context) {
        CallerContext[] next = new CallerContext[current.length - 1];
        System.arraycopy(current, 0, next, 0, i);
        System.arraycopy(current, i + 1, next, i, current.length - i - 1);
        registered = next.length == 0 ? NONE : next;
        return;
      }
    }
  }

  /**
   * For an appender, on the thread that logged an event it reports: the event's MDC with the
   * registered contexts' entries added where the MDC has none. Returns {@code mdc} itself when no
   * context adds anything; never changes it. Never throws: a context that fails (a bug in an
   * integration, a request already recycled) adds what it added before failing, and the report
   * says so under {@link #ERROR_KEY} instead of being lost.
   */
  public static Map<String, String> addTo(Map<String, String> mdc, Throwable thrown) {
    CallerContext[] contexts = registered;
    if (contexts.length == 0) {
      return mdc;
    }
    Map<String, String> base = mdc == null ? Collections.emptyMap() : mdc;
    Map<String, String> added = new LinkedHashMap<>();
    for (CallerContext context : contexts) {
      try {
        context.addEntries(thrown, (key, value) -> {
          if (key != null && value != null && !key.trim().isEmpty() && !value.trim().isEmpty()
              && !base.containsKey(key)) {
            added.putIfAbsent(key, value);
          }
        });
      } catch (OutOfMemoryError | InternalError | UnknownError fatal) {
        throw fatal;
      } catch (Throwable failed) {
        // The failure's class only: its message is the failing code's too, and may throw as well.
        added.putIfAbsent(ERROR_KEY, context.getClass().getName() + " failed: " + failed.getClass().getName());
      }
    }
    if (added.isEmpty()) {
      return mdc;
    }
    Map<String, String> all = new LinkedHashMap<>(base);
    all.putAll(added);
    return all;
  }
}
