package dev.jahiz.log4j2;

import dev.jahiz.client.JahizClient;

/**
 * Knows when the JVM has begun to shut down, so events logged from shutdown hooks (often errors
 * about half-closed resources) are not turned into reports while Log4j and the client are being
 * stopped. One watch per appender, removed again on stop so a redeployed web app leaks nothing.
 */
final class JvmShutdown {
  private volatile boolean started;
  // The jahiz- prefix makes anything this thread might log invisible to every Jahiz appender.
  private final Thread hook = new Thread(() -> started = true, JahizClient.THREAD_PREFIX + "shutdown-watch");

  /** Registers the hook; false if the JVM is already shutting down. */
  boolean watch() {
    try {
      Runtime.getRuntime().addShutdownHook(hook);
      return true;
    } catch (IllegalStateException shuttingDown) {
      started = true;
      return false;
    } catch (SecurityException notAllowed) {
      return true;
    }
  }

  void unwatch() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException | SecurityException shuttingDownOrNotAllowed) {
      // Either the hook is running now, or it was never ours to remove.
    }
  }

  boolean hasStarted() {
    return started;
  }
}
