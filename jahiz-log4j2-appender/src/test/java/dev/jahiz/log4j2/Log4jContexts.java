package dev.jahiz.log4j2;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationFactory;

/**
 * Real, separate LoggerContexts started from real configuration files on the test class path, the
 * way an application's log4j2.xml (or .json, .yaml, .properties) is read. Each test gets its own
 * context so no appender outlives its test.
 */
final class Log4jContexts {
  private static final AtomicInteger COUNT = new AtomicInteger();

  private Log4jContexts() {}

  static LoggerContext start(String resource) {
    URL url = Objects.requireNonNull(Log4jContexts.class.getClassLoader().getResource(resource), resource);
    URI uri;
    try {
      uri = url.toURI();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e);
    }
    String name = "test-" + COUNT.incrementAndGet() + "-" + resource;
    LoggerContext context = new LoggerContext(name, null, uri);
    // The factory picks the format by the file's extension, as Log4j does at application start.
    Configuration configuration = ConfigurationFactory.getInstance().getConfiguration(context, name, uri);
    context.start(configuration);
    return context;
  }

  static JahizAppender jahiz(LoggerContext context, String name) {
    return context.getConfiguration().getAppender(name);
  }
}
