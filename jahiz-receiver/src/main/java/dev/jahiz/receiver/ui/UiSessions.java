package dev.jahiz.receiver.ui;

import dev.jahiz.receiver.store.Jdbc;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Web inbox sign-ins ({@code ui_sessions}), in the database so every receiver behind a load balancer
 * knows them and signing out ends them everywhere. Only a SHA-256 of the cookie is stored: a copy of
 * the database signs nobody in.
 */
public final class UiSessions {
  public static final Duration LIFETIME = Duration.ofHours(12);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Jdbc db;

  public UiSessions(DataSource dataSource) {
    this.db = new Jdbc(dataSource);
  }

  /** A signed-in browser: the cookie's value and the token every form it posts must carry. */
  public record Session(String cookie, String csrfToken) {
    @Override
    public String toString() {
      return "Session(***)";
    }
  }

  public Session create(Instant now) {
    Session s = new Session(random(), random());
    db.write(c -> {
      try (PreparedStatement prune = Jdbc.bind(c.prepareStatement("DELETE FROM ui_sessions WHERE expires_at <= ?"),
          now)) {
        prune.executeUpdate();
      }
      try (PreparedStatement ps = Jdbc.bind(c.prepareStatement("INSERT INTO ui_sessions (session_hash, csrf_token,"
          + " created_at, expires_at) VALUES (?, ?, ?, ?)"), hash(s.cookie()), s.csrfToken(), now, now.plus(LIFETIME))) {
        return ps.executeUpdate();
      }
    });
    return s;
  }

  public Optional<Session> find(String cookie, Instant now) {
    if (cookie == null || cookie.isEmpty() || cookie.length() > 100) {
      return Optional.empty();
    }
    return db.read(c -> {
      try (PreparedStatement ps = Jdbc.bind(c.prepareStatement("SELECT csrf_token FROM ui_sessions"
          + " WHERE session_hash = ? AND expires_at > ?"), hash(cookie), now); ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new Session(cookie, rs.getString(1))) : Optional.empty();
      }
    });
  }

  public void delete(String cookie) {
    db.write(c -> {
      try (PreparedStatement ps = Jdbc.bind(c.prepareStatement("DELETE FROM ui_sessions WHERE session_hash = ?"),
          hash(cookie))) {
        return ps.executeUpdate();
      }
    });
  }

  private static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String hash(String cookie) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(cookie.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
