package dev.jahiz.receiver.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Which database the receiver stores in: PostgreSQL when {@code JAHIZ_DB_URL} is set (several
 * receivers may share it), otherwise the SQLite file at {@code JAHIZ_DB_PATH}.
 *
 * @param sqliteFile the SQLite file, when no URL is set
 * @param synchronous SQLite's {@code synchronous} pragma, FULL or NORMAL
 * @param url a {@code jdbc:postgresql://} URL, or null for SQLite
 * @param user the PostgreSQL user, or null to take it from the URL
 * @param password the PostgreSQL password, or null to take it from the URL
 */
public record DatabaseSettings(Path sqliteFile, String synchronous, String url, String user, String password) {
  public static final String URL = "JAHIZ_DB_URL";
  private static final String PREFIX = "jdbc:postgresql://";

  static DatabaseSettings from(Settings s) {
    Path file = Path.of(s.text("JAHIZ_DB_PATH", "./data/jahiz.db"));
    String synchronous = s.oneOf("JAHIZ_DB_SYNCHRONOUS", "FULL", "FULL", "NORMAL");
    Optional<String> url = s.optional(URL).map(String::strip);
    if (url.isPresent() && !url.get().startsWith(PREFIX)) {
      throw new ConfigException(URL + " must be a PostgreSQL JDBC URL such as jdbc:postgresql://db:5432/jahiz, was '"
          + redacted(url.get()) + "' (leave it unset to keep the SQLite file at JAHIZ_DB_PATH)");
    }
    return new DatabaseSettings(file, synchronous, url.orElse(null), s.optional("JAHIZ_DB_USER").orElse(null),
        s.optional("JAHIZ_DB_PASSWORD").orElse(null));
  }

  public boolean postgresql() {
    return url != null;
  }

  /** The URL without any password in it, for messages and logs. */
  public static String redacted(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1***").replaceAll("//([^/@:]+):[^/@]*@", "//$1:***@");
  }

  /** Where reports are stored, for the startup line and error messages; never the password. */
  public String describe() {
    return postgresql() ? "PostgreSQL " + redacted(url) + (user == null ? "" : " as " + user) : "SQLite " + sqliteFile;
  }

  @Override
  public String toString() {
    return describe();
  }
}
