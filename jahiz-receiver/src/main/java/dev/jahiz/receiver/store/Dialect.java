package dev.jahiz.receiver.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConnection;

/**
 * Where SQLite and PostgreSQL differ, in one place: where their own migrations live, how a write
 * transaction begins and ends and whose turn it is to write, how a row is locked for the rest of a
 * transaction, and how an index is kept out of a query plan. Everything else the stores write is
 * SQL both accept (times as epoch milliseconds, {@code ON CONFLICT} upserts, {@code LIMIT/OFFSET}).
 */
public enum Dialect {
  SQLITE("classpath:db/migration-sqlite") {
    @Override
    void begin(Connection c) throws SQLException {
      // Takes the write lock up front, so two writers never deadlock upgrading a read lock. Begun and
      // ended by SQL, not the driver's auto-commit switch: see WriteTransaction.
      try (Statement s = c.createStatement()) {
        s.execute("BEGIN IMMEDIATE");
      }
    }

    @Override
    void commit(Connection c) throws SQLException {
      try (Statement s = c.createStatement()) {
        s.execute("COMMIT");
      }
    }

    @Override
    void rollback(Connection c) throws SQLException {
      try (Statement s = c.createStatement()) {
        s.execute("ROLLBACK");
      } catch (SQLException e) {
        if (String.valueOf(e.getMessage()).contains("no transaction is active")) {
          return; // SQLite already rolled it back (a full disk does)
        }
        throw e;
      }
    }

    @Override
    public String forUpdate() {
      return ""; // BEGIN IMMEDIATE already holds the one write lock there is
    }

    @Override
    public String unindexed(String column) {
      return "+" + column; // SQLite's unary plus: the same value, but no index may answer for it
    }

    @Override
    ReentrantLock writeTurn(Connection c) throws SQLException {
      return WRITE_TURNS.computeIfAbsent(c.unwrap(SQLiteConnection.class).getUrl(), url -> new ReentrantLock(true));
    }
  },

  POSTGRESQL("classpath:db/migration-postgresql") {
    @Override
    void begin(Connection c) throws SQLException {
      c.setAutoCommit(false); // the pool sets it back when the connection returns
    }

    @Override
    void commit(Connection c) throws SQLException {
      c.commit();
    }

    @Override
    void rollback(Connection c) throws SQLException {
      c.rollback();
    }

    @Override
    public String forUpdate() {
      return " FOR UPDATE";
    }

    @Override
    public String unindexed(String column) {
      return column; // PostgreSQL's planner has statistics: it takes the narrower index by itself
    }

    @Override
    ReentrantLock writeTurn(Connection c) {
      return null; // writers lock rows, not the database
    }
  };

  /** SQLite's write turns, one per database file (by its JDBC URL). */
  private static final Map<String, ReentrantLock> WRITE_TURNS = new ConcurrentHashMap<>();

  private final String migrations;

  Dialect(String migrations) {
    this.migrations = migrations;
  }

  /**
   * The Flyway locations of this dialect's migrations: the shared ones, in SQL both databases accept,
   * and those written for this dialect alone.
   */
  public String[] migrations() {
    return new String[] {"classpath:db/migration", migrations};
  }

  /** The dialect of a connection, pooled or not. */
  public static Dialect of(Connection c) throws SQLException {
    return c.isWrapperFor(SQLiteConnection.class) ? SQLITE : POSTGRESQL;
  }

  abstract void begin(Connection c) throws SQLException;

  abstract void commit(Connection c) throws SQLException;

  /** Rolls back; false never, throws when the connection's state is unknown afterwards. */
  abstract void rollback(Connection c) throws SQLException;

  /**
   * Appended to a {@code SELECT} of one row inside a write transaction: locks the row until commit,
   * so instances sharing the database take turns on it.
   */
  public abstract String forUpdate();

  /**
   * The column, for a condition the planner is to check on the rows it reads rather than look up in
   * an index. SQLite keeps no statistics of the data, so it guesses: for {@code status = 'pending'
   * AND event_id IN (...)} with ten ids or more it took the status index as the narrower one and read
   * every pending report once per statement: a storm's whole backlog for every slice of it marked.
   */
  public abstract String unindexed(String column);

  /**
   * The turn a write transaction waits for and holds, first come first served; null where none is
   * needed. SQLite lets one writer in at a time and has the others poll, sleeping up to 100 ms
   * between tries: a writer that comes back at once (a digest marked in slices) could keep the
   * writer storing reports out, or wake it long after the lock was free.
   */
  abstract ReentrantLock writeTurn(Connection c) throws SQLException;
}
