package dev.jahiz.receiver.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** The embedded SQLite file: WAL mode so readers never block the writer, schema migrated by Flyway. */
public final class Database implements AutoCloseable {
  private static final int POOL_SIZE = 4;

  private final HikariDataSource dataSource;
  private final Path file;
  /** The file's identity (device and inode) when opened; null where the platform has none. */
  private final Object fileKey;

  private Database(HikariDataSource dataSource, Path file) {
    this.dataSource = dataSource;
    this.file = file;
    this.fileKey = fileKey(file);
  }

  /**
   * Opens (creating when needed) and migrates the database.
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
    // Write transactions take the lock up front, so two writers never deadlock upgrading a read lock.
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    SQLiteDataSource sqlite = new SQLiteDataSource(config);
    sqlite.setUrl("jdbc:sqlite:" + absolute);
    // Opening a SQLite connection reads the schema and sets every pragma again: per request, that
    // was most of the cost of storing a report. A few pooled connections suffice, as SQLite
    // serializes writers anyway and WAL lets readers run beside them.
    HikariConfig pool = new HikariConfig();
    pool.setDataSource(sqlite);
    pool.setPoolName("jahiz-db");
    pool.setMaximumPoolSize(POOL_SIZE);
    pool.setMinimumIdle(1);
    pool.setConnectionTimeout(15_000);
    HikariDataSource ds = new HikariDataSource(pool);
    try {
      Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    } catch (RuntimeException e) {
      ds.close();
      throw e;
    }
    return new Database(ds, absolute);
  }

  @Override
  public void close() {
    dataSource.close();
  }

  /**
   * Fails when the file opened at start is no longer the one at its path (deleted, replaced, its
   * volume gone). Pooled connections would go on writing to the unlinked file, and every report
   * acknowledged from then on would be lost at the next start.
   */
  public void checkFile() {
    Object now;
    try {
      now = fileKey(file);
    } catch (UncheckedIOException e) {
      throw new StoreException("the database file " + file + " is gone", e.getCause());
    }
    if (fileKey != null && !fileKey.equals(now)) {
      throw new StoreException("the database file " + file + " was replaced", null);
    }
  }

  private static Object fileKey(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public Path file() {
    return file;
  }
}
