package dev.jahiz.receiver.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A schema change written for one database alone fails here, not in production: every version is
 * either shared (portable SQL, run on both) or written once for each dialect.
 */
class MigrationsTest {
  private static final Path RESOURCES = Path.of("src/main/resources/db");

  private static List<String> migrations(String folder) throws IOException {
    try (Stream<Path> files = Files.list(RESOURCES.resolve(folder))) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList();
    }
  }

  private static List<String> versions(List<String> names) {
    return names.stream().map(n -> n.substring(0, n.indexOf("__"))).toList();
  }

  @Test
  void everyVersionIsSharedOrWrittenForBothDatabases() throws IOException {
    List<String> sqlite = versions(migrations("migration-sqlite"));
    List<String> postgresql = versions(migrations("migration-postgresql"));
    List<String> shared = versions(migrations("migration"));

    assertThat(shared).isNotEmpty();
    assertThat(sqlite).as("versions written for SQLite alone").containsExactlyElementsOf(postgresql);
    assertThat(shared.stream().filter(sqlite::contains)).as("versions both shared and dialect-specific").isEmpty();
  }
}
