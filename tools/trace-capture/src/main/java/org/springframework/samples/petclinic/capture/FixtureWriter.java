package org.springframework.samples.petclinic.capture;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes each ERROR event with its throwable as one fixture file: the event's logger, thread and
 * message, the JVM that ran it, and the trace exactly as Throwable.printStackTrace prints it (what
 * Jahiz sends as the report's stacktrace). Files are named after the MDC "scenario" and a counter.
 */
public class FixtureWriter extends AppenderBase<ILoggingEvent> {
  private final Map<String, AtomicInteger> counters = new ConcurrentHashMap<>();

  /** What Spring Boot's loader was told to start: the Start-Class of the jar's manifest. */
  private static String startClass() {
    String jar = System.getProperty("sun.java.command", "").split(" ")[0];
    try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar)) {
      return file.getManifest().getMainAttributes().getValue("Start-Class");
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (!(event.getThrowableProxy() instanceof ThrowableProxy)) {
      return;
    }
    Throwable t = ((ThrowableProxy) event.getThrowableProxy()).getThrowable();
    String scenario = event.getMDCPropertyMap().getOrDefault("scenario",
        event.getLoggerName().substring(event.getLoggerName().lastIndexOf('.') + 1).replaceAll("\\W", ""));
    int n = counters.computeIfAbsent(scenario, k -> new AtomicInteger()).incrementAndGet();
    StringWriter trace = new StringWriter();
    t.printStackTrace(new PrintWriter(trace));
    String text = "java: " + System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version") + "\n"
        + "sun.java.command: " + System.getProperty("sun.java.command") + "\n"
        + "start-class: " + startClass() + "\n"
        + "logger: " + event.getLoggerName() + "\n"
        + "thread: " + event.getThreadName() + "\n"
        + "message: " + event.getFormattedMessage() + "\n"
        + "\n"
        + trace;
    Path dir = Path.of(System.getProperty("capture.dir", "captured"));
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(scenario + "-" + n + ".txt"), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
