package dev.jahiz.receiver.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.sqlite.SQLiteConnection;

/**
 * Statements the writer runs on every commit, prepared once per SQLite connection. SQLite compiles a
 * statement (with the triggers it fires) on every prepare, which cost the single writer about as much
 * as running it. A closed connection's statements go with it. PostgreSQL's driver keeps its own
 * per-connection cache of server-side statements, so there a statement is prepared and closed as usual.
 */
final class PreparedStatements {
  private final Map<SQLiteConnection, Map<String, PreparedStatement>> sqlite = new IdentityHashMap<>();

  /** Runs {@code work} with the statement for {@code sql} on {@code c}. */
  <T> T with(Connection c, String sql, Use<T> use) throws SQLException {
    if (!c.isWrapperFor(SQLiteConnection.class)) {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        return use.run(ps);
      }
    }
    SQLiteConnection key = c.unwrap(SQLiteConnection.class);
    PreparedStatement ps = cached(key, sql);
    boolean done = false;
    try {
      T result = use.run(ps);
      done = true;
      return result;
    } finally {
      if (!done) {
        forget(key, sql, ps); // in whatever state a failure left it: prepared afresh next time
      }
    }
  }

  /** What runs with a prepared statement. */
  @FunctionalInterface
  interface Use<T> {
    T run(PreparedStatement ps) throws SQLException;
  }

  private PreparedStatement cached(SQLiteConnection c, String sql) throws SQLException {
    synchronized (sqlite) {
      Map<String, PreparedStatement> statements = sqlite.get(c);
      if (statements == null) {
        sqlite.keySet().removeIf(PreparedStatements::isClosed);
        statements = new HashMap<>();
        sqlite.put(c, statements);
      }
      PreparedStatement ps = statements.get(sql);
      if (ps == null || ps.isClosed()) {
        ps = c.prepareStatement(sql);
        statements.put(sql, ps);
      }
      return ps;
    }
  }

  private void forget(SQLiteConnection c, String sql, PreparedStatement ps) {
    synchronized (sqlite) {
      Map<String, PreparedStatement> statements = sqlite.get(c);
      if (statements != null) {
        statements.remove(sql, ps);
      }
    }
    try {
      ps.close();
    } catch (SQLException e) {
      // Gone with its connection already.
    }
  }

  private static boolean isClosed(Connection c) {
    try {
      return c.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }
}
