package dev.jahiz.log4j2;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;

/**
 * For code that adds Jahiz to a running configuration (the agent, the Spring Boot starter): the
 * loggers where an event's way up the logger tree ends, so that an appender added to each of them
 * meets every event exactly once, however the configuration sets additivity.
 */
public final class TerminalLoggers {
  private TerminalLoggers() {}

  /** Adds the appender to the root logger and to every logger that does not pass events on. */
  public static void addAppender(Configuration config, Appender appender) {
    Set<LoggerConfig> terminals = Collections.newSetFromMap(new IdentityHashMap<LoggerConfig, Boolean>());
    terminals.add(config.getRootLogger());
    for (LoggerConfig lc : config.getLoggers().values()) {
      if (!lc.isAdditive() || lc.getParent() == null) {
        terminals.add(lc);
      }
    }
    for (LoggerConfig lc : terminals) {
      lc.addAppender(appender, null, null);
    }
  }
}
