package dev.jahiz.spring.boot;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

/**
 * The listener Spring Boot loads from {@code META-INF/spring.factories}, before the app's context
 * exists. On Spring Boot 3 and later it hands Boot's events to the starter's
 * {@code JahizInstaller}. Spring Boot 2.x reads the same file (and the auto-configuration imports,
 * which {@code spring-autoconfigure-metadata.properties} filters out there before any class is
 * loaded): there the starter steps aside with one WARN saying what to use instead, and the app
 * starts as it would without it.
 *
 * <p>Compiled for Java 8, the oldest Java Spring Boot 2.x runs on, and loading none of the starter's
 * Java 17 classes unless Spring Framework 6 is there (which itself needs Java 17): an app on Java 8
 * or 11 does not fail on an {@code UnsupportedClassVersionError}.
 */
public final class StarterListener implements GenericApplicationListener {
  /** A class of Spring Framework 6 and later, so of Spring Boot 3 and later (and Java 17+). */
  static final String SPRING_6_CLASS = "org.springframework.aot.AotDetector";
  private static final String INSTALLER = "dev.jahiz.spring.boot.logging.JahizInstaller";
  private static final AtomicBoolean WARNED = new AtomicBoolean();
  private final GenericApplicationListener installer;

  public StarterListener() {
    ClassLoader loader = StarterListener.class.getClassLoader();
    this.installer = ClassUtils.isPresent(SPRING_6_CLASS, loader) ? installer(loader) : null;
  }

  private static GenericApplicationListener installer(ClassLoader loader) {
    try {
      return (GenericApplicationListener) Class.forName(INSTALLER, true, loader).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      LogFactory.getLog(StarterListener.class).warn("Jahiz not started, the application runs without it: its"
          + " Spring Boot starter could not load (" + e + ")");
      return null;
    }
  }

  @Override
  public boolean supportsEventType(ResolvableType eventType) {
    if (installer != null) {
      return installer.supportsEventType(eventType);
    }
    Class<?> type = eventType.getRawClass();
    return type != null && ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(type);
  }

  /** Right after Boot's logging listener, as the installer: logging is set up, so the WARN shows as the app's. */
  @Override
  public int getOrder() {
    return LoggingApplicationListener.DEFAULT_ORDER + 1;
  }

  @Override
  public void onApplicationEvent(ApplicationEvent event) {
    if (installer != null) {
      installer.onApplicationEvent(event);
    } else if (event instanceof ApplicationEnvironmentPreparedEvent && WARNED.compareAndSet(false, true)) {
      LogFactory.getLog(StarterListener.class).warn("Jahiz's Spring Boot starter needs Spring Boot 3.5 or later and"
          + " Java 17; this app has Spring Boot " + bootVersion() + " on Java " + System.getProperty("java.version")
          + ", so it runs without Jahiz. On Spring Boot 2.x use jahiz-logback-appender in logback-spring.xml"
          + " instead of the starter (README, \"Spring Boot 2.x\").");
    }
  }

  private static String bootVersion() {
    try {
      String version = SpringBootVersion.getVersion();
      return version == null ? "2.x or older" : version;
    } catch (LinkageError e) {
      return "2.x or older";
    }
  }
}
