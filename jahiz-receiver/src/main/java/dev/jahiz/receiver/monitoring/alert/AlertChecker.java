package dev.jahiz.receiver.monitoring.alert;

import dev.jahiz.receiver.monitoring.MonitoringStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the rules and announces changes only: one alert when a condition starts and one when it
 * recovers, never a reminder every check. A message that reached no channel leaves the state as it
 * was, so the next check tries again. The conditions in force are kept in the database and read
 * back at each check, so neither a restart nor another receiver sharing the database (the check runs
 * on whichever holds the job's lease) announces them again or forgets to announce their recovery.
 */
public final class AlertChecker {
  private static final Logger log = LoggerFactory.getLogger(AlertChecker.class);

  private final AlertRules rules;
  private final MonitoringStore store;
  private final List<AlertChannel> channels;
  private final Clock clock;
  private final Map<String, Instant> active = new ConcurrentHashMap<>();

  public AlertChecker(AlertRules rules, MonitoringStore store, List<AlertChannel> channels, Clock clock) {
    this.rules = rules;
    this.store = store;
    this.channels = List.copyOf(channels);
    this.clock = clock;
    try {
      active.putAll(store.activeAlerts());
    } catch (RuntimeException e) {
      log.warn("alerts in force before this start could not be read; any still in force are announced again", e);
    }
  }

  /** Checks every condition now; returns how many messages went out. */
  public synchronized int checkOnce() {
    refresh();
    Instant now = clock.instant();
    int sent = 0;
    for (AlertRules.Finding f : rules.evaluate(now, active.keySet()).findings()) {
      Instant since = active.get(f.key());
      if (f.firing() && since == null) {
        if (send(f.start())) {
          active.put(f.key(), now);
          remember(() -> store.alertStarted(f.key(), now));
          sent++;
        }
      } else if (!f.firing() && since != null) {
        Alert r = f.recovery();
        Alert withDuration = new Alert(r.key(), r.title(), r.body() + "\nAlerted at " + AlertRules.TIME.format(since) + ", "
            + Duration.between(since, now).toMinutes() + " minutes ago.", true);
        if (send(withDuration)) {
          active.remove(f.key());
          remember(() -> store.alertEnded(f.key()));
          sent++;
        }
      }
    }
    return sent;
  }

  /** What the database says is in force, announced here or by another receiver; memory when it cannot say. */
  private void refresh() {
    try {
      Map<String, Instant> stored = store.activeAlerts();
      active.keySet().retainAll(stored.keySet());
      active.putAll(stored);
    } catch (RuntimeException e) {
      log.warn("alerts in force could not be read; this check goes by what this receiver remembers", e);
    }
  }

  /** Saved for the next check, here or on another receiver; after a failed save the next check may announce it again. */
  private static void remember(Runnable write) {
    try {
      write.run();
    } catch (RuntimeException e) {
      log.warn("alert state not saved; after a restart it may be announced again", e);
    }
  }

  /** Conditions in force, with when each was announced. */
  public Map<String, Instant> active() {
    return Map.copyOf(active);
  }

  private boolean send(Alert alert) {
    log.warn("{}: {}", alert.title(), alert.body().replace('\n', ' '));
    boolean any = false;
    for (AlertChannel channel : channels) {
      any |= channel.send(alert);
    }
    if (!any && !channels.isEmpty()) {
      log.error("alert '{}' reached none of {}; trying again at the next check", alert.title(),
          channels.stream().map(AlertChannel::describe).toList());
    }
    return any || channels.isEmpty();
  }
}
