package dev.jahiz.receiver.triage;

import dev.jahiz.receiver.store.StoreException;
import dev.jahiz.receiver.store.WriteTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/** Reads and write transactions for the triage and inbox tables, failing as the report store does ({@link StoreException}). */
public final class Jdbc {
  private final DataSource dataSource;

  public Jdbc(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public <T> T read(WriteTransaction.Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new StoreException("database read failed: " + e.getMessage(), e);
    }
  }

  public <T> T write(WriteTransaction.Work<T> work) {
    try {
      return WriteTransaction.run(dataSource, work);
    } catch (SQLException e) {
      throw new StoreException("database write failed: " + e.getMessage(), e);
    }
  }

  /** Binds {@code args} in order: Strings, Longs, Instants (as epoch millis) and nulls. */
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

  public static Instant instant(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(v);
  }

  public static String placeholders(List<?> values) {
    return String.join(", ", java.util.Collections.nCopies(values.size(), "?"));
  }
}
