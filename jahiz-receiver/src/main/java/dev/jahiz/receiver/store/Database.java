package dev.jahiz.receiver.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.jahiz.receiver.config.DatabaseSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The receiver's database, pooled and migrated by Flyway: the embedded SQLite file (WAL mode, so
 * readers never block the writer), or PostgreSQL, which several receivers may share.
 */
public final class Database implements AutoCloseable {
  private static final int SQLITE_POOL_SIZE = 4;
  private static final int POSTGRESQL_POOL_SIZE = 8;

  private final HikariDataSource dataSource;
  private final Dialect dialect;
  private final String description;
  /** The SQLite file, and its identity (device and inode) when opened; null for PostgreSQL or where none. */
  private final Path file;
  private final Object fileKey;
  /** The disk the SQLite file is on; null for PostgreSQL. */
  private final FileStore disk;
  /** Stops what runs beside the pool: SQLite's checkpoints. */
  private final Runnable stopHelpers;

  private Database(HikariDataSource dataSource, Dialect dialect, String description, Path file,
      Runnable stopHelpers) {
    this.dataSource = dataSource;
    this.stopHelpers = stopHelpers;
    this.dialect = dialect;
    this.description = description;
    this.file = file;
    this.fileKey = file == null ? null : fileKey(file);
    this.disk = file == null ? null : fileStore(file);
  }

  /** Opens (creating when needed) and migrates the database the settings name. */
  public static Database open(DatabaseSettings settings) {
    return settings.postgresql() ? openPostgresql(settings) : open(settings.sqliteFile(), settings.synchronous());
  }

  /**
   * Opens (creating when needed) and migrates a SQLite file.
   *
   * @param synchronous SQLite's {@code synchronous} pragma, FULL or NORMAL
   */
  public static Database open(Path file, String synchronous) {
    Path absolute = file.toAbsolutePath();
    try {
      if (absolute.getParent() != null) {
        Files.createDirectories(absolute.getParent());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the directory of the database " + absolute, e);
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.valueOf(synchronous));
    // Request threads and the delivery worker write concurrently; SQLite serializes writers, so wait
    // for the lock instead of failing with SQLITE_BUSY.
    config.setBusyTimeout(10_000);
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    config.setWalAutocheckpoint(WalCheckpoints.RESTART_PAGES);
    SQLiteDataSource sqlite = new SQLiteDataSource(config);
    sqlite.setUrl("jdbc:sqlite:" + absolute);
    // Opening a SQLite connection reads the schema and sets every pragma again: per request, that
    // was most of the cost of storing a report. A few pooled connections suffice, as SQLite
    // serializes writers anyway and WAL lets readers run beside them.
    HikariConfig pool = new HikariConfig();
    pool.setDataSource(sqlite);
    pool.setPoolName("jahiz-db");
    pool.setMaximumPoolSize(SQLITE_POOL_SIZE);
    pool.setMinimumIdle(1);
    pool.setConnectionTimeout(15_000);
    HikariDataSource ds = new HikariDataSource(pool);
    migrate(ds, Dialect.SQLITE);
    WalCheckpoints checkpoints = new WalCheckpoints(() -> {
      try {
        return sqlite.getConnection();
      } catch (SQLException e) {
        throw new StoreException("cannot open a connection for checkpoints: " + e.getMessage(), e);
      }
    }).start();
    return new Database(ds, Dialect.SQLITE, "SQLite " + absolute, absolute, checkpoints::close);
  }

  private static Database openPostgresql(DatabaseSettings settings) {
    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl(settings.url());
    pool.setDriverClassName("org.postgresql.Driver");
    if (settings.user() != null) {
      pool.setUsername(settings.user());
    }
    if (settings.password() != null) {
      pool.setPassword(settings.password());
    }
    Properties driver = new Properties();
    driver.setProperty("ApplicationName", "jahiz-receiver");
    // A database that stops answering must turn into 503s within seconds, not hang requests.
    driver.setProperty("connectTimeout", "5");
    driver.setProperty("socketTimeout", "30");
    driver.setProperty("tcpKeepAlive", "true");
    pool.setDataSourceProperties(driver);
    pool.setPoolName("jahiz-db");
    pool.setMaximumPoolSize(POSTGRESQL_POOL_SIZE);
    pool.setMinimumIdle(2);
    // While PostgreSQL restarts, a write waits this long for a connection before answering 503.
    pool.setConnectionTimeout(5_000);
    pool.setValidationTimeout(2_000);
    HikariDataSource ds;
    try {
      ds = new HikariDataSource(pool);
    } catch (HikariPool.PoolInitializationException | IllegalArgumentException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new StoreException("cannot connect to PostgreSQL at " + DatabaseSettings.URL + "="
          + DatabaseSettings.redacted(settings.url()) + (settings.user() == null ? "" : " as " + settings.user()) + " (set JAHIZ_DB_USER / JAHIZ_DB_PASSWORD or put them in the URL): "
          + cause.getMessage(), e);
    }
    migrate(ds, Dialect.POSTGRESQL);
    return new Database(ds, Dialect.POSTGRESQL, settings.describe(), null, () -> {});
  }

  private static void migrate(HikariDataSource ds, Dialect dialect) {
    try {
      Flyway.configure().dataSource(ds).locations(dialect.migrations()).load().migrate();
    } catch (RuntimeException e) {
      ds.close();
      throw e;
    }
  }

  @Override
  public void close() {
    stopHelpers.run();
    dataSource.close();
  }

  /**
   * Fails when the SQLite file opened at start is no longer the one at its path (deleted, replaced,
   * its volume gone): pooled connections would go on writing to the unlinked file, and every report
   * acknowledged from then on would be lost at the next start. Fails too when its disk is full
   * ({@link #MIN_FREE_BYTES}). Nothing to check on PostgreSQL.
   */
  public void checkFile() {
    if (file == null) {
      return;
    }
    Object now;
    try {
      now = fileKey(file);
    } catch (UncheckedIOException e) {
      throw new StoreException("the database file " + file + " is gone", e.getCause());
    }
    if (fileKey != null && !fileKey.equals(now)) {
      throw new StoreException("the database file " + file + " was replaced", null);
    }
    checkSpace();
  }

  /**
   * Below this much free space on the SQLite file's disk, no write is attempted. A disk that full can
   * still take a small write into log pages SQLite already holds, while a report fails halfway: the
   * readiness check's small write would say ready while reports are refused.
   */
  static final long MIN_FREE_BYTES = 1L << 20;

  private void checkSpace() {
    long free;
    try {
      free = disk.getUsableSpace();
    } catch (IOException e) {
      return; // not knowable here: SQLite's own write will tell
    }
    if (free < MIN_FREE_BYTES) {
      throw new StoreException("the disk holding the database file " + file + " is full (" + free
          + " bytes free, at least " + MIN_FREE_BYTES + " needed to write)", null);
    }
  }

  private static FileStore fileStore(Path file) {
    try {
      return Files.getFileStore(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object fileKey(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads and writes on this database, no write attempted while its file is gone. */
  public Jdbc jdbc() {
    return new Jdbc(dataSource, this::checkFile);
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public Dialect dialect() {
    return dialect;
  }

  /** What the database is, for logs: its file or its URL (never a password). */
  public String describe() {
    return description;
  }
}
