package dev.jahiz.spring.boot.actuate;

import dev.jahiz.client.Counters;
import dev.jahiz.spring.boot.logging.Installation;
import dev.jahiz.spring.boot.logging.JahizInstaller;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code /actuator/health/jahiz} says: whether Jahiz runs, whether its destination takes
 * messages, how full its queue is and what it dropped. Always UP while it runs, even when Telegram
 * is unreachable: an error reporter must never be why an orchestrator restarts the app; the details
 * say what is wrong. UNKNOWN when Jahiz is off.
 */
final class JahizHealth {
  private long lastSent;
  private long lastFailed;

  /** True for UP, false for UNKNOWN. */
  boolean running() {
    return JahizInstaller.current().map(Installation::counters).isPresent();
  }

  synchronized Map<String, Object> details() {
    Optional<Installation> installation = JahizInstaller.current();
    Counters c = installation.map(Installation::counters).orElse(null);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("running", c != null);
    if (c == null) {
      return details;
    }
    details.put("logging", installation.get().framework());
    details.put("destination", destination(c));
    details.put("queueDepth", c.queueDepth());
    details.put("accepted", c.accepted());
    details.put("sent", c.sent());
    details.put("grouped", c.grouped());
    details.put("dropped", c.dropped());
    details.put("failed", c.failed());
    return details;
  }

  /**
   * From the delivery counters since the previous check: "reachable" once a message was confirmed
   * and none failed since, "failing" when messages failed and none got through since.
   */
  private String destination(Counters c) {
    String state;
    if (c.failed() > lastFailed && c.sent() == lastSent) {
      state = "failing";
    } else if (c.sent() > 0 && c.failed() == lastFailed) {
      state = "reachable";
    } else if (c.sent() == 0 && c.failed() == 0) {
      state = "not used yet";
    } else {
      state = "reachable, with failures";
    }
    lastSent = c.sent();
    lastFailed = c.failed();
    return state;
  }
}
