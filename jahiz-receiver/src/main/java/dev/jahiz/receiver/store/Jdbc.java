package dev.jahiz.receiver.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;

/**
 * Reads and write transactions on the receiver's database, for the stores: a failure comes out as a
 * {@link StoreException} (which the HTTP layer answers with 503), and no write is attempted while
 * the database is known to be unusable.
 */
public final class Jdbc {
  private final DataSource dataSource;
  private final Runnable beforeWrite;

  public Jdbc(DataSource dataSource) {
    this(dataSource, () -> {});
  }

  /** @param beforeWrite throws {@link StoreException} when writing must not be attempted */
  public Jdbc(DataSource dataSource, Runnable beforeWrite) {
    this.dataSource = dataSource;
    this.beforeWrite = beforeWrite;
  }

  /** Work on one connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Binds a statement's parameters. */
  @FunctionalInterface
  public interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  public <T> T read(Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new StoreException("database read failed: " + e.getMessage(), e);
    }
  }

  public <T> T write(Work<T> work) {
    beforeWrite.run();
    try {
      return WriteTransaction.run(dataSource, work::run);
    } catch (SQLException e) {
      throw new StoreException("database write failed: " + e.getMessage(), e);
    }
  }

  /** One statement in its own transaction; returns the rows it changed. */
  public int update(String sql, Binder binder) {
    return write(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        binder.bind(ps);
        return ps.executeUpdate();
      }
    });
  }

  static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, value);
    }
  }

  /** Binds {@code args} in order: Strings, numbers, Instants (as epoch millis) and nulls. */
  public static PreparedStatement bind(PreparedStatement ps, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a instanceof Instant t) {
        ps.setLong(i + 1, t.toEpochMilli());
      } else if (a == null) {
        ps.setNull(i + 1, Types.NULL);
      } else {
        ps.setObject(i + 1, a);
      }
    }
    return ps;
  }

  /** {@code ?, ?, ?} for an {@code IN} list of these values. */
  public static String placeholders(List<?> values) {
    return String.join(", ", Collections.nCopies(values.size(), "?"));
  }

  /** A nullable epoch-millisecond column as an instant. */
  public static Instant instant(ResultSet rs, int column) throws SQLException {
    long millis = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
  }

  static String iso(long millis) {
    return Instant.ofEpochMilli(millis).toString();
  }
}
