package dev.jahiz.receiver.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server the tests use: from Testcontainers where a Docker engine runs, otherwise at
 * {@code JAHIZ_TEST_PG_URL}, otherwise the local server on 127.0.0.1:5432 (trust authentication,
 * database {@code test}, user {@code postgres}). Each test gets its own fresh schema in it. When none
 * is reachable the tests that need one fail (never skip): {@code .ci/run} starts one on CI machines.
 */
public final class TestPostgres {
  private static final String LOCAL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
  private static TestPostgres server;

  private final String url;
  private final List<String> schemas = new ArrayList<>();

  private TestPostgres(String url) {
    this.url = url;
    Runtime.getRuntime().addShutdownHook(new Thread(this::dropSchemas, "drop-test-schemas"));
  }

  public static synchronized TestPostgres server() {
    if (server == null) {
      server = new TestPostgres(findServer());
    }
    return server;
  }

  private static String findServer() {
    if (dockerRuns()) {
      PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
      try {
        container.start(); // stopped by Testcontainers' reaper when the JVM ends
        return container.getJdbcUrl() + "&user=" + container.getUsername() + "&password=" + container.getPassword();
      } catch (RuntimeException e) {
        // Docker answers but cannot run the image (offline, say): the configured or local server then.
        System.err.println("Testcontainers could not start PostgreSQL (" + e.getMessage() + "); using "
            + (System.getenv("JAHIZ_TEST_PG_URL") == null ? "127.0.0.1:5432" : "JAHIZ_TEST_PG_URL"));
      }
    }
    String configured = System.getenv("JAHIZ_TEST_PG_URL");
    return configured == null || configured.isBlank() ? LOCAL : configured;
  }

  private static boolean dockerRuns() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  /** A new empty schema; the returned JDBC URL makes it the connection's own. */
  public synchronized String freshSchemaUrl() {
    String schema = "jahiz_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    execute("CREATE SCHEMA " + schema);
    schemas.add(schema);
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /** Runs SQL as the server's admin user (to stop connections, say). */
  public void execute(String sql) {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("no PostgreSQL for the tests at " + url.replaceAll("password=[^&]*", "password=***")
          + ": start one (Docker for Testcontainers, JAHIZ_TEST_PG_URL, or a local server on 127.0.0.1:5432 with"
          + " trust authentication, database test, user postgres; .ci/run starts Debian's): " + e.getMessage(), e);
    }
  }

  private synchronized void dropSchemas() {
    for (String schema : schemas) {
      try {
        execute("DROP SCHEMA IF EXISTS " + schema.toLowerCase(Locale.ROOT) + " CASCADE");
      } catch (RuntimeException e) {
        // The server is gone already; the schemas went with it.
      }
    }
  }
}
