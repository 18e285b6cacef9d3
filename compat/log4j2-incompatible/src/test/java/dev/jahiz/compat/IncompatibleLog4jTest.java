package dev.jahiz.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;
import org.junit.jupiter.api.Test;

/** An app on Log4j 2.10.0 with the README's snippet, as its main() would run. */
class IncompatibleLog4jTest {
  @Test
  void theAppsLoggingCallsReturnAndJahizSaysOnceWhatItFoundAndNeeds() {
    List<String> said = new CopyOnWriteArrayList<>();
    StatusLogger.getLogger().registerListener(new StatusListener() {
      @Override
      public void log(StatusData data) {
        said.add(data.getLevel() + " " + data.getMessage().getFormattedMessage());
      }

      @Override
      public Level getStatusLevel() {
        return Level.WARN;
      }

      @Override
      public void close() {}
    });

    // Before Jahiz contained it: NoSuchMethodError (JahizAppenderBuilder.getPropertyArray) out of here.
    Logger log = LogManager.getLogger("com.acme.Legacy");
    log.error("the app logs on", new IllegalStateException("boom"));
    log.error("and on");
    LogManager.shutdown();

    assertThat(said).filteredOn(s -> s.contains("Jahiz appender")).singleElement().asString()
        .startsWith("ERROR Jahiz appender 'jahiz' is disabled: it could not be created (java.lang.NoSuchMethodError: ")
        .contains("Found Log4j 2.10.0 on Java ", "; Jahiz needs Log4j 2.17 to 2.26 on Java 11+",
            "The application runs on");
  }
}
