package dev.jahiz.agent;

import dev.jahiz.client.JahizClient;
import dev.jahiz.logging.EventMapping;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The JVM's default uncaught-exception handler while the agent runs: an exception that ends a
 * thread becomes a {@code critical} report (unless the app logged it already), then goes on to the
 * handler the app had, or is printed exactly as the JVM prints it when there is none.
 */
final class UncaughtReporter implements Thread.UncaughtExceptionHandler {
  private final Thread.UncaughtExceptionHandler previous;
  private final Supplier<JahizClient> client;
  private final EventMapping mapping;

  private UncaughtReporter(Thread.UncaughtExceptionHandler previous, Supplier<JahizClient> client, EventMapping mapping) {
    this.previous = previous;
    this.client = client;
    this.mapping = mapping;
  }

  static UncaughtReporter install(Supplier<JahizClient> client, EventMapping mapping) {
    UncaughtReporter reporter = new UncaughtReporter(Thread.getDefaultUncaughtExceptionHandler(), client, mapping);
    Thread.setDefaultUncaughtExceptionHandler(reporter);
    return reporter;
  }

  /** Puts the app's handler back, unless the app has since installed another one. */
  void uninstall() {
    if (Thread.getDefaultUncaughtExceptionHandler() == this) {
      Thread.setDefaultUncaughtExceptionHandler(previous);
    }
  }

  @Override
  public void uncaughtException(Thread thread, Throwable e) {
    try {
      if (!JahizClient.isJahizThread() && !LoggedThrowables.wasLogged(e)) {
        // FATAL maps to critical, as a FATAL log event does.
        client.get().report(mapping.map("FATAL", List.of(), "Uncaught exception in thread \"" + thread.getName() + "\"",
            null, thread.getName(), Map.of(), Map.of(), System.currentTimeMillis()).build(), e);
      }
    } catch (Throwable contained) {
      Agent.problem("reporting an uncaught exception", contained);
    }
    if (previous != null) {
      previous.uncaughtException(thread, e);
    } else if (!"java.lang.ThreadDeath".equals(e.getClass().getName())) {
      // What ThreadGroup.uncaughtException prints when no default handler is set.
      System.err.print("Exception in thread \"" + thread.getName() + "\" ");
      e.printStackTrace(System.err);
    }
  }
}
