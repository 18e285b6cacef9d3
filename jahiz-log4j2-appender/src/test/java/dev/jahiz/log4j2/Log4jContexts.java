package dev.jahiz.log4j2;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationFactory;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Real, separate LoggerContexts started from real configuration files on the test class path, the
 * way an application's log4j2.xml (or .json, .yaml, .properties) is read. Each test gets its own
 * contexts; registered as an extension, this stops them after the test (delivering what they hold
 * to the fakes, which must therefore be registered before it) and clears the ThreadContext.
 */
final class Log4jContexts implements AfterEachCallback {
  private static final AtomicInteger COUNT = new AtomicInteger();
  private final List<LoggerContext> started = new ArrayList<>();

  LoggerContext start(String resource) {
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
    started.add(context);
    return context;
  }

  static JahizAppender jahiz(LoggerContext context, String name) {
    return context.getConfiguration().getAppender(name);
  }

  @Override
  public void afterEach(ExtensionContext extensionContext) {
    started.forEach(LoggerContext::stop);
    started.clear();
    ThreadContext.clearAll();
  }
}
