package dev.jahiz.spring.boot.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import dev.jahiz.logback.JahizAppender;
import dev.jahiz.logback.LoggerTree;
import dev.jahiz.logging.CallerContexts;
import java.util.Collections;

/**
 * The Jahiz appender the starter puts on Boot's root logger. Logback stops every appender when it
 * is reset (Boot re-initialising logging, a configuration reload): this one only takes that as
 * being detached, keeps its client, and is attached again (see {@link LogbackInstallation}); it
 * stops for good when released. It stands down for an event that also reaches a Jahiz appender
 * the app declared in its own logging configuration, so that event arrives once.
 */
final class StarterLogbackAppender extends JahizAppender {
  private final Level minimumLevel;
  private volatile boolean released;

  StarterLogbackAppender(Level minimumLevel) {
    this.minimumLevel = minimumLevel;
  }

  @Override
  public void stop() {
    if (released) {
      super.stop();
    }
  }

  void stopForGood() {
    released = true;
    stop();
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (!event.getLevel().isGreaterOrEqual(minimumLevel)) {
      return;
    }
    IThrowableProxy proxy = event.getThrowableProxy();
    if (proxy instanceof ThrowableProxy) {
      LoggedThrowables.logged(((ThrowableProxy) proxy).getThrowable());
    }
    String name = event.getLoggerName();
    Logger logger = ((LoggerContext) getContext()).getLogger(name == null ? Logger.ROOT_LOGGER_NAME : name);
    if (!LoggerTree.reachesJahizAppender(logger, this, null)) {
      super.append(event);
      return;
    }
    // The app's own appender reports it, perhaps behind an AsyncAppender on another thread, where no
    // CallerContext is asked: asked here, on the logging thread, so that the request still knows
    // the app logged this throwable (and does not report it again as unlogged). The entries are
    // the app's appender's to add, not this one's.
    if (proxy instanceof ThrowableProxy) {
      CallerContexts.addTo(Collections.emptyMap(), ((ThrowableProxy) proxy).getThrowable());
    }
  }
}
