package dev.jahiz.receiver.store;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes stored reports older than the retention age, at start and then hourly: delivered or not,
 * so a chat that never accepts them cannot fill the disk; undelivered ones are counted in a warning.
 */
public final class RetentionJob implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

  private static final Duration RUN_INTERVAL = Duration.ofHours(1);

  private final ReportRetention store;
  private final Clock clock;
  private final Duration retention;
  private final Leases leases;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "jahiz-retention");
    t.setDaemon(true);
    return t;
  });

  /** @param leases keep the hourly run to one receiver among those sharing the database */
  public RetentionJob(ReportRetention store, Clock clock, Duration retention, Leases leases) {
    this.leases = leases;
    this.store = store;
    this.clock = clock;
    this.retention = retention;
  }

  public void start() {
    scheduler.scheduleWithFixedDelay(this::runSafely, 1, RUN_INTERVAL.toSeconds(), TimeUnit.SECONDS);
  }

  /** Deletes what is due now; returns how many reports went. */
  public int runOnce() {
    ReportRetention.Expired expired = store.deleteReceivedBefore(clock.instant().minus(retention));
    if (expired.undelivered() > 0) {
      // Storage stays bounded even when Telegram never took them, but that loss is said out loud.
      log.warn("retention: deleted {} reports older than {} days, {} of them never delivered to Telegram",
          expired.deleted(), retention.toDays(), expired.undelivered());
    } else if (expired.deleted() > 0) {
      log.info("retention: deleted {} reports older than {} days", expired.deleted(), retention.toDays());
    }
    return expired.deleted();
  }

  private void runSafely() {
    try {
      // Held, not released, for most of the interval: whichever receiver takes it runs this hour's pass.
      if (leases.take("job:retention", RUN_INTERVAL.minusMinutes(5))) {
        runOnce();
      }
    } catch (RuntimeException e) {
      log.error("retention run failed; next attempt in an hour", e);
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
