package dev.jahiz.receiver.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * One write transaction, begun and ended the way the connection's {@link Dialect} needs. On SQLite
 * it is begun and ended by SQL statements rather than the JDBC driver's auto-commit switch: SQLite's
 * driver begins the next transaction as part of {@code commit()}, so a failure there (a full disk, a
 * busy lock) reported a commit that had succeeded as failed; and after SQLite rolled back a failed
 * transaction by itself (as it does on a full disk) the driver believed one still open, its pooled
 * connection then writing outside any transaction and failing every later commit. Here a failed
 * COMMIT means nothing was stored, the first error is the one reported, and a connection left in an
 * unknown state leaves the pool. Writers of one SQLite file take turns in the order they came
 * ({@link Dialect#writeTurn}).
 */
public final class WriteTransaction {
  private WriteTransaction() {}

  /** The work of a transaction; what it returns is returned once committed. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  public static <T> T run(DataSource dataSource, Work<T> work) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      Dialect dialect = Dialect.of(c);
      ReentrantLock turn = dialect.writeTurn(c);
      if (turn != null) {
        turn.lock();
      }
      try {
        dialect.begin(c);
        T result = work.run(c);
        dialect.commit(c);
        return result;
      } catch (SQLException | RuntimeException e) {
        rollback(dataSource, dialect, c, e);
        throw e;
      } finally {
        if (turn != null) {
          turn.unlock();
        }
      }
    }
  }

  private static void rollback(DataSource dataSource, Dialect dialect, Connection c, Exception cause) {
    try {
      dialect.rollback(c);
    } catch (SQLException e) {
      cause.addSuppressed(e);
      evict(dataSource, c);
    }
  }

  private static void evict(DataSource dataSource, Connection c) {
    try {
      if (dataSource.isWrapperFor(HikariDataSource.class)) {
        dataSource.unwrap(HikariDataSource.class).evictConnection(c);
      }
    } catch (SQLException ignored) {
      // Not a pool: closing the connection is all there is to do.
    }
  }
}
