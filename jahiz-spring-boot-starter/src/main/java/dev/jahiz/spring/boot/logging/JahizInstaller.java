package dev.jahiz.spring.boot.logging;

import dev.jahiz.config.JahizOption;
import dev.jahiz.spring.boot.JahizProperties;
import dev.jahiz.spring.boot.StarterOption;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

/**
 * Puts Jahiz into the app's logging right after Spring Boot has initialised it (this listener runs
 * next after Boot's {@link LoggingApplicationListener}), so that what the app logs while it starts,
 * a bean that fails included, is reported; and delivers what is queued before the JVM exits.
 * Registered in {@code META-INF/spring.factories}, as listeners that must run before the context
 * exists are.
 *
 * <p>A bad setting never stops the app: one WARN names the property and Jahiz stays off, unless
 * {@code jahiz.fail-fast=true} asks for a failed start instead.
 */
public final class JahizInstaller implements GenericApplicationListener {
  public static final int ORDER = LoggingApplicationListener.DEFAULT_ORDER + 1;
  private static final Log LOG = LogFactory.getLog(JahizInstaller.class);
  private static final AtomicReference<Installation> CURRENT = new AtomicReference<>();
  private static final AtomicBoolean SHUTDOWN_HANDLER = new AtomicBoolean();

  /** The installation the last started app made, if Jahiz runs. */
  public static Optional<Installation> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  @Override
  public boolean supportsEventType(ResolvableType eventType) {
    Class<?> type = eventType.getRawClass();
    return type != null && (ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(type)
        || ApplicationFailedEvent.class.isAssignableFrom(type));
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  public void onApplicationEvent(ApplicationEvent event) {
    if (event instanceof ApplicationEnvironmentPreparedEvent) {
      install(JahizProperties.of(((ApplicationEnvironmentPreparedEvent) event).getEnvironment()));
    } else if (event instanceof ApplicationFailedEvent) {
      // Boot logs why right after this event, then the JVM exits: the shutdown handler registered
      // at install time delivers that report (and what else is queued) before the exit completes.
      deliverBeforeExit();
    }
  }

  private static void install(JahizProperties properties) {
    if (!properties.enabled()) {
      replace(null);
      LOG.info("Jahiz is off (" + StarterOption.ENABLED.property() + "=false)");
      return;
    }
    if (!properties.problems().isEmpty()) {
      replace(null);
      String problems = String.join("; ", properties.problems());
      if (properties.failFast()) {
        throw new IllegalStateException("Jahiz is not configured correctly (" + StarterOption.FAIL_FAST.property()
            + "=true stops the start): " + problems);
      }
      LOG.warn("Jahiz not started, the application runs without it: " + problems);
      return;
    }
    Installation installation = installInto(properties);
    replace(installation);
    if (installation == null) {
      LOG.warn("Jahiz not started, the application runs without it: Spring Boot's logging is neither Logback"
          + " nor Log4j2, or the Jahiz appender refused the settings (see the logging framework's status)");
      return;
    }
    deliverBeforeExit();
    LOG.info("Jahiz reports " + properties.valueOf(JahizOption.MINIMUM_LEVEL) + " and above from "
        + installation.framework());
    if (!installation.reportsOnLoggingThread()) {
      LOG.info("Jahiz runs behind Log4j2's async loggers: reports carry a request's details only as far as the"
          + " app's own MDC has them, and failed requests nobody logged are not reported (whether the app"
          + " logged them cannot be told on Log4j's thread)");
    }
  }

  private static Installation installInto(JahizProperties properties) {
    ClassLoader loader = JahizInstaller.class.getClassLoader();
    if (ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext", loader)) {
      Installation logback = LogbackInstallation.install(properties);
      if (logback != null) {
        return logback;
      }
    }
    if (ClassUtils.isPresent("org.apache.logging.log4j.core.LoggerContext", loader)) {
      return Log4j2Installation.install(properties);
    }
    return null;
  }

  /** A second app in the same JVM (or a restart of the first) takes over with its own settings. */
  private static void replace(Installation next) {
    Installation previous = CURRENT.getAndSet(next);
    if (previous != null && previous != next) {
      previous.release();
    }
  }

  /** Spring Boot's shutdown hook releases Jahiz once the app's contexts are closed, on any exit. */
  private static void deliverBeforeExit() {
    if (SHUTDOWN_HANDLER.compareAndSet(false, true)) {
      SpringApplication.getShutdownHandlers().add(() -> current().ifPresent(Installation::release));
    }
  }
}
