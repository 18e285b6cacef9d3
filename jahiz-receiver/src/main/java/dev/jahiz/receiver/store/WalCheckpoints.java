package dev.jahiz.receiver.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies committed pages from SQLite's write-ahead log into the database file on a thread of its
 * own, so the writer seldom has to.
 *
 * <p>Left to SQLite, the connection whose commit takes the log past its limit copies the whole log
 * itself, then syncs the database file: every ~1,000 pages the one writer, and every request queued
 * behind it, stood still for tens of milliseconds while the cores idled. Here a passive checkpoint
 * (which never waits for or blocks a writer) runs every few milliseconds while the log grows. The
 * writer's own automatic checkpoint still runs when the log passes {@link #RESTART_PAGES}: then
 * little is left to copy, and the log starts over from its beginning instead of growing for as long
 * as writes keep coming (a passive checkpoint cannot catch up with a writer that never pauses).
 */
final class WalCheckpoints implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WalCheckpoints.class);
  /**
   * The writer's automatic checkpoint, which restarts the log: SQLite's default, ~4 MB of 4 KB pages.
   * Measured against 2,000, 4,000 and 10,000 pages: no faster, and longer stalls at the restart.
   */
  static final int RESTART_PAGES = 1_000;
  private static final long BUSY_MILLIS = 10;
  private static final long IDLE_MILLIS = 100;
  private static final Duration QUIET_AFTER_FAILURE = Duration.ofMinutes(1);

  private final Supplier<Connection> connections;
  private final Thread thread;
  private volatile boolean closed;
  private long lastLogPages = -1; // the checkpointer thread's only

  /** @param connections opens the checkpointer's own connection (not a pooled one) */
  WalCheckpoints(Supplier<Connection> connections) {
    this.connections = connections;
    this.thread = new Thread(this::run, "jahiz-db-checkpoints");
    thread.setDaemon(true);
  }

  WalCheckpoints start() {
    thread.start();
    return this;
  }

  private void run() {
    long quietUntil = 0;
    Connection c = null;
    while (!closed) {
      long pause = IDLE_MILLIS;
      try {
        if (c == null) {
          c = connections.get();
        }
        pause = checkpoint(c) ? BUSY_MILLIS : IDLE_MILLIS;
      } catch (SQLException | RuntimeException e) {
        close(c);
        c = null;
        if (System.nanoTime() - quietUntil > 0) {
          log.warn("copying the write-ahead log into the database file failed; the writer's own checkpoints"
              + " still bound it (next warning in {} at the earliest)", QUIET_AFTER_FAILURE, e);
          quietUntil = System.nanoTime() + QUIET_AFTER_FAILURE.toNanos();
        }
      }
      try {
        TimeUnit.MILLISECONDS.sleep(pause);
      } catch (InterruptedException e) {
        break;
      }
    }
    close(c);
  }

  /** One passive checkpoint; true while writes come in (the log changed, or is not all copied yet). */
  private boolean checkpoint(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
      if (!rs.next()) {
        return false;
      }
      // Pages in the log and pages copied from it (-1 both when the database is not in WAL mode).
      long logPages = rs.getLong(2);
      long copied = rs.getLong(3);
      boolean writing = logPages != lastLogPages || copied < logPages;
      lastLogPages = logPages;
      return writing;
    }
  }

  private static void close(Connection c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (SQLException e) {
      // Nothing left to release.
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
