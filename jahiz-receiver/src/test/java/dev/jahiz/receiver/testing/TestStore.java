package dev.jahiz.receiver.testing;

import dev.jahiz.receiver.config.DatabaseSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The databases the storage and delivery tests run on: each test class parameterised with this runs
 * once on a SQLite file and once on PostgreSQL. A test directory stands for one database, so a
 * receiver restarted on the same directory finds what the one before stored.
 */
public enum TestStore {
  SQLITE {
    @Override
    public Map<String, String> settings(Path dir) {
      return Map.of("JAHIZ_DB_PATH", dir.resolve("jahiz.db").toString());
    }
  },
  POSTGRESQL {
    @Override
    public Map<String, String> settings(Path dir) {
      return Map.of("JAHIZ_DB_URL", SCHEMAS.computeIfAbsent(dir, d -> TestPostgres.server().freshSchemaUrl()));
    }
  };

  private static final Map<Path, String> SCHEMAS = new ConcurrentHashMap<>();

  /** The receiver settings that select this test directory's database. */
  public abstract Map<String, String> settings(Path dir);

  /** A plain JDBC connection to this test directory's database, for looking at its tables. */
  public Connection connect(Path dir) throws SQLException {
    DatabaseSettings db = database(dir);
    return DriverManager.getConnection(db.postgresql() ? db.url() : "jdbc:sqlite:" + db.sqliteFile());
  }

  /** This test directory's database, for opening it without a receiver. */
  public DatabaseSettings database(Path dir) {
    return new DatabaseSettings(dir.resolve("jahiz.db"), "NORMAL", settings(dir).get("JAHIZ_DB_URL"), null, null);
  }
}
