package dev.jahiz.receiver.store;

import dev.jahiz.delivery.Pacing;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * A destination chat's pace kept in the database, so receivers sharing it together send no faster
 * than one would (Telegram: a message a second per chat, 20 a minute per group). A receiver takes a
 * send slot before each message, with the chat's row locked: the sends of the last hour are
 * replayed through the chat's {@link Pacing}, and the slot is recorded only when the pace allows.
 */
public final class ChatPace {
  /** The longest pacing window counted; Telegram's are a second and a minute. */
  private static final long LOOKBACK_MILLIS = TimeUnit.HOURS.toMillis(1);

  private final Jdbc jdbc;
  private final String chat;
  private final Pacing pacing;
  /** Pacing is about real time, whatever clock the receiver's own logic runs on. */
  private final Clock clock;

  public ChatPace(Jdbc jdbc, String chat, Pacing pacing) {
    this(jdbc, chat, pacing, Clock.systemUTC());
  }

  ChatPace(Jdbc jdbc, String chat, Pacing pacing, Clock clock) {
    this.jdbc = jdbc;
    this.chat = chat;
    this.pacing = pacing;
    this.clock = clock;
  }

  /** Takes a send slot now and returns 0, or returns the nanoseconds to wait before one is free. */
  public long takeSlot() {
    if (pacing.isUnlimited()) {
      return 0;
    }
    return jdbc.write(c -> {
      long now = clock.millis();
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO chat_pace (chat_key) VALUES (?) ON CONFLICT DO NOTHING")) {
        ps.setString(1, chat);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT chat_key FROM chat_pace WHERE chat_key = ?" + Dialect.of(c).forUpdate())) {
        ps.setString(1, chat);
        ps.executeQuery().close();
      }
      Pacing.Pacer pacer = pacing.newPacer();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT sent_at FROM chat_sends WHERE chat_key = ? AND sent_at > ? ORDER BY sent_at")) {
        ps.setString(1, chat);
        ps.setLong(2, now - LOOKBACK_MILLIS);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            pacer.record(TimeUnit.MILLISECONDS.toNanos(rs.getLong(1)));
          }
        }
      }
      long wait = pacer.waitNanos(TimeUnit.MILLISECONDS.toNanos(now));
      if (wait > 0) {
        return wait;
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO chat_sends (chat_key, sent_at) VALUES (?, ?)")) {
        ps.setString(1, chat);
        ps.setLong(2, now);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM chat_sends WHERE chat_key = ? AND sent_at <= ?")) {
        ps.setString(1, chat);
        ps.setLong(2, now - LOOKBACK_MILLIS);
        ps.executeUpdate();
      }
      return 0L;
    });
  }
}
