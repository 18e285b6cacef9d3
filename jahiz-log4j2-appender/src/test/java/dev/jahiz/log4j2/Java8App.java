package dev.jahiz.log4j2;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.xml.XmlConfiguration;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;

/**
 * The app of {@link Java8Test}, run inside {@link Java8Jvm} with its own Log4j: configures a
 * LoggerContext from an XML configuration, as Log4j does at start-up, logs an error, and returns
 * what the StatusLogger said (WARN and above, "LEVEL message") and what Log4j made of the appender.
 */
public final class Java8App {
  private Java8App() {}

  public static List<String> run(String xml) throws Exception {
    List<String> said = new CopyOnWriteArrayList<>();
    StatusListener listener = new StatusListener() {
      @Override
      public void log(StatusData data) {
        said.add(data.getLevel() + " " + data.getMessage().getFormattedMessage()
            + (data.getThrowable() == null ? "" : " " + data.getThrowable()));
      }

      @Override
      public Level getStatusLevel() {
        return Level.WARN;
      }

      @Override
      public void close() {}
    };
    StatusLogger.getLogger().registerListener(listener);
    LoggerContext context = new LoggerContext("java8");
    try {
      ConfigurationSource source =
          new ConfigurationSource(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      context.start(new XmlConfiguration(context, source));
      context.getLogger("com.acme.Legacy").error("the app logs on", new IllegalStateException("boom"));
      said.add("APPENDER " + context.getConfiguration().getAppender("jahiz"));
    } finally {
      context.stop();
      StatusLogger.getLogger().removeListener(listener);
    }
    return said;
  }
}
