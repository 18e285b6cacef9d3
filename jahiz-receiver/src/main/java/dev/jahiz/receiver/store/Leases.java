package dev.jahiz.receiver.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Row leases with an expiry, for receivers sharing one database: while one holds a key (a
 * fingerprint's digest, a scheduled job) the others leave that work alone. Taking a lease is one
 * conditional upsert, the same SQL on SQLite and PostgreSQL, and holds no transaction or connection
 * while the work runs (a Telegram call may take seconds); a holder killed mid-work simply lets the
 * lease expire, after which another receiver takes it over.
 */
public final class Leases {
  private static final String TAKE = "INSERT INTO leases (lease_key, holder, expires_at) VALUES (?, ?, ?)"
      + " ON CONFLICT (lease_key) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at"
      + " WHERE leases.expires_at <= ? OR leases.holder = ?";

  private final Jdbc jdbc;
  private final String holder;
  /** Leases are about real time, whatever clock the receiver's own logic runs on. */
  private final Clock clock;

  public Leases(Jdbc jdbc, String holder) {
    this(jdbc, holder, Clock.systemUTC());
  }

  Leases(Jdbc jdbc, String holder, Clock clock) {
    this.jdbc = jdbc;
    this.holder = holder;
    this.clock = clock;
  }

  /** A name for this receiver process, unique among those sharing the database, readable in the table. */
  public static String newHolder() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "unknown-host";
    }
    return host + "/" + ProcessHandle.current().pid() + "/" + java.util.UUID.randomUUID().toString().substring(0, 8);
  }

  /** Takes (or renews) the lease for {@code length}; false while another receiver holds it. */
  public boolean take(String key, Duration length) {
    Instant now = clock.instant();
    return jdbc.update(TAKE, ps -> {
      ps.setString(1, key);
      ps.setString(2, holder);
      ps.setLong(3, now.plus(length).toEpochMilli());
      ps.setLong(4, now.toEpochMilli());
      ps.setString(5, holder);
    }) == 1;
  }

  /** Gives the lease back early, when this receiver still holds it. */
  public void release(String key) {
    jdbc.update("DELETE FROM leases WHERE lease_key = ? AND holder = ?", ps -> {
      ps.setString(1, key);
      ps.setString(2, holder);
    });
  }

  /** Who this receiver is in the leases table. */
  public String holder() {
    return holder;
  }
}
