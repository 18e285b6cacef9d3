package dev.jahiz.agent.log4j2;

import dev.jahiz.agent.AgentSettings;
import dev.jahiz.agent.LoggedThrowables;
import dev.jahiz.log4j2.JahizAppender;
import dev.jahiz.log4j2.JahizAppenderBuilder;
import dev.jahiz.log4j2.TerminalLoggers;
import java.util.function.Consumer;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;

/**
 * Puts the agent into each configuration a Log4j context takes (at start and on each
 * reconfiguration): a forwarding appender on the root logger config and on every non-additive one.
 * An event climbs from its logger config through its parents until one is not additive, or the
 * root: exactly one of those is on every event's way, so each event is forwarded once, whatever
 * the app's loggers, async loggers or bridges (SLF4J or the Log4j API both end in Log4j's core).
 *
 * <p>The forwarder hands events to one long-lived {@link JahizAppender}, which no configuration
 * owns, so a reconfiguration neither stops it nor loses what it has queued. If a configuration
 * declares a Jahiz appender itself, the agent stands down for that configuration.
 */
public final class Log4j2Sink implements Consumer<Object>, AutoCloseable {
  private static final String APPENDER_CLASS = "dev.jahiz.log4j2.JahizAppender";
  private final AgentSettings settings;
  private final Level minimumLevel;
  private volatile JahizAppender appender;
  private volatile boolean unavailable;

  public Log4j2Sink(AgentSettings settings) {
    this.settings = settings;
    this.minimumLevel = Level.toLevel(settings.option("minimumLevel"), Level.ERROR);
  }

  @Override
  public void accept(Object loggerContext) {
    Configuration config = ((LoggerContext) loggerContext).getConfiguration();
    if (config == null) {
      return;
    }
    for (Appender a : config.getAppenders().values()) {
      if (a.getClass().getName().equals(APPENDER_CLASS) && a.getClass() != JahizAppender.class) {
        return;
      }
    }
    JahizAppender delegate = appender();
    if (delegate == null) {
      return;
    }
    Forwarder forwarder = new Forwarder(delegate, minimumLevel);
    forwarder.start();
    TerminalLoggers.addAppender(config, forwarder);
  }

  private synchronized JahizAppender appender() {
    if (appender == null && !unavailable) {
      JahizAppenderBuilder builder = JahizAppender.newBuilder().setName("jahiz-agent");
      settings.applyTo(builder);
      JahizAppender created = builder.build();
      if (created == null) {
        unavailable = true;
      } else {
        created.start();
        appender = created;
      }
    }
    return appender;
  }

  @Override
  public void close() {
    JahizAppender a = appender;
    if (a != null) {
      a.stop();
    }
  }

  /** What the app's configuration holds: forwards, and is stopped with that configuration alone. */
  private static final class Forwarder extends AbstractAppender {
    private final JahizAppender delegate;
    private final Level minimumLevel;

    Forwarder(JahizAppender delegate, Level minimumLevel) {
      super("jahiz-agent", null, null, true, Property.EMPTY_ARRAY);
      this.delegate = delegate;
      this.minimumLevel = minimumLevel;
    }

    @Override
    public void append(LogEvent event) {
      if (!event.getLevel().isMoreSpecificThan(minimumLevel)) {
        return;
      }
      LoggedThrowables.logged(event.getThrown());
      delegate.append(event);
    }
  }
}
