package dev.jahiz.receiver.store;

import java.time.Instant;

/** Proves the database accepts writes, for the health checks, by writing its one heartbeat row. */
public final class Heartbeat {
  private final Jdbc jdbc;

  public Heartbeat(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** Throws {@link StoreException} when the database does not accept writes. */
  public void checkWritable(Instant now) {
    jdbc.update("UPDATE receiver_heartbeat SET checked_at = ? WHERE id = 1", ps -> ps.setLong(1, now.toEpochMilli()));
  }
}
