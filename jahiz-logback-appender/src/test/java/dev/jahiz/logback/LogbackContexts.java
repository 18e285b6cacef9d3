package dev.jahiz.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.util.Map;
import org.slf4j.LoggerFactory;

/** A real Logback context configured from a real config file, as an application would have it. */
final class LogbackContexts {
  private LogbackContexts() {}

  /** Reconfigures the application's own context (the one SLF4J and MDC are bound to). */
  static LoggerContext configure(String resource, Map<String, String> properties) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    context.getStatusManager().clear();
    properties.forEach(context::putProperty);
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(LogbackContexts.class.getClassLoader().getResource(resource));
    } catch (JoranException e) {
      throw new IllegalStateException(e);
    }
    context.start();
    return context;
  }
}
