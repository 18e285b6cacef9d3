package dev.jahiz.receiver.delivery;

import dev.jahiz.delivery.MessageOptions;
import java.time.Instant;
import java.util.List;

/**
 * Asked before a group's digest is sent: whether to send it and how to present it (a note, buttons),
 * or to hold its reports back (stored and counted, not sent), as a muted group's are.
 */
public interface DeliveryGate {
  /** Sends everything as it is. */
  DeliveryGate OPEN = new DeliveryGate() {
    @Override
    public Decision decide(String fingerprint, Instant latestReceivedAt) {
      return Decision.send(MessageOptions.none());
    }

    @Override
    public void hold(List<String> eventIds, String reason) {
      throw new IllegalStateException("nothing is held");
    }
  };

  Decision decide(String fingerprint, Instant latestReceivedAt);

  /** Marks the reports held back, with why; they are not offered again. */
  void hold(List<String> eventIds, String reason);

  /** Send with these options, or hold back for this reason. */
  record Decision(MessageOptions options, String holdReason) {
    public static Decision send(MessageOptions options) {
      return new Decision(options, null);
    }

    public static Decision hold(String reason) {
      return new Decision(MessageOptions.none(), reason);
    }

    public boolean held() {
      return holdReason != null;
    }
  }
}
