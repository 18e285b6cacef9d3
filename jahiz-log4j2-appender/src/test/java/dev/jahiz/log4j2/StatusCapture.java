package dev.jahiz.log4j2;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What Log4j's StatusLogger said while it was registered: where Jahiz reports on itself. Registered
 * as an extension, it unregisters after the test.
 */
final class StatusCapture implements AfterEachCallback, AutoCloseable {
  private final List<StatusData> lines = new CopyOnWriteArrayList<>();
  // Separate from this class: StatusLogger.removeListener() calls the listener's close().
  private final StatusListener listener = new StatusListener() {
    @Override
    public void log(StatusData data) {
      lines.add(data);
    }

    @Override
    public Level getStatusLevel() {
      return Level.INFO;
    }

    @Override
    public void close() {}
  };

  static StatusCapture start() {
    StatusCapture capture = new StatusCapture();
    StatusLogger.getLogger().registerListener(capture.listener);
    return capture;
  }

  /** Messages at WARN or worse, with the cause's text appended. */
  List<String> warnings() {
    List<String> out = new ArrayList<>();
    for (StatusData d : lines) {
      if (d.getLevel().isMoreSpecificThan(Level.WARN)) {
        out.add(d.getLevel() + " " + d.getMessage().getFormattedMessage()
            + (d.getThrowable() == null ? "" : " " + d.getThrowable()));
      }
    }
    return out;
  }

  /** Everything said, any level, for checks that something is never said. */
  List<String> all() {
    List<String> out = new ArrayList<>();
    for (StatusData d : lines) {
      out.add(d.getMessage().getFormattedMessage() + (d.getThrowable() == null ? "" : " " + d.getThrowable()));
    }
    return out;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  @Override
  public void close() {
    StatusLogger.getLogger().removeListener(listener);
  }
}
