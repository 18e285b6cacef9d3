package dev.jahiz.spring.boot.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;
import dev.jahiz.client.Counters;
import dev.jahiz.config.JahizOption;
import dev.jahiz.logback.JahizCounters;
import dev.jahiz.spring.boot.JahizProperties;
import org.slf4j.LoggerFactory;

/**
 * Jahiz on Boot's Logback: a {@link StarterLogbackAppender} on the root logger, attached again
 * after every reset of the logger context (Boot or a library re-initialising logging, a
 * configuration reload), released when the context stops (Boot's logging shutdown) or the app
 * releases it.
 */
final class LogbackInstallation implements Installation, LoggerContextListener {
  static final String APPENDER_NAME = "JAHIZ_SPRING_BOOT";
  private final LoggerContext context;
  private final StarterLogbackAppender appender;
  private volatile boolean released;

  private LogbackInstallation(LoggerContext context, StarterLogbackAppender appender) {
    this.context = context;
    this.appender = appender;
  }

  /** Null when Boot's logging is not Logback, or when the appender did not start. */
  static LogbackInstallation install(JahizProperties properties) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext)) {
      return null;
    }
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    StarterLogbackAppender appender =
        new StarterLogbackAppender(Level.toLevel(properties.valueOf(JahizOption.MINIMUM_LEVEL), Level.ERROR));
    appender.setContext(context);
    appender.setName(APPENDER_NAME);
    properties.forEachOption((option, value) -> appender.option(option.optionName(), value));
    appender.start();
    if (!appender.isStarted()) {
      return null;
    }
    LogbackInstallation installation = new LogbackInstallation(context, appender);
    installation.attach();
    context.addListener(installation);
    return installation;
  }

  private void attach() {
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    if (!released && !root.isAttached(appender)) {
      root.addAppender(appender);
    }
  }

  @Override
  public Counters counters() {
    return JahizCounters.of(appender);
  }

  @Override
  public String framework() {
    return "Logback";
  }

  @Override
  public void release() {
    if (stopForGood()) {
      context.removeListener(this);
    }
  }

  private synchronized boolean stopForGood() {
    if (released) {
      return false;
    }
    released = true;
    context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
    appender.stopForGood();
    return true;
  }

  @Override
  public boolean isResetResistant() {
    return true;
  }

  @Override
  public void onStart(LoggerContext context) {}

  /** The reset detached the appender (without stopping it): back on the root logger. */
  @Override
  public void onReset(LoggerContext context) {
    attach();
  }

  /** Logback drops its listeners itself after this (and may be iterating over them now). */
  @Override
  public void onStop(LoggerContext context) {
    stopForGood();
  }

  @Override
  public void onLevelChange(Logger logger, Level level) {}
}
