package dev.jahiz.receiver.triage;

import dev.jahiz.delivery.MessageOptions;
import dev.jahiz.receiver.delivery.DeliveryGate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Delivery as triage decided it: a muted group's reports are held back (stored, counted, not sent);
 * reports of a resolved group that arrived before it was resolved are held back too; the first
 * alert after a resolved group comes back says so ("Regression: resolved on …"); every alert carries
 * the triage buttons.
 */
public final class TriageGate implements DeliveryGate {
  static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final GroupStates states;
  private final AlertButtons buttons;
  private final Clock clock;

  public TriageGate(GroupStates states, AlertButtons buttons, Clock clock) {
    this.states = states;
    this.buttons = buttons;
    this.clock = clock;
  }

  @Override
  public Decision decide(String fingerprint, Instant latestReceivedAt) {
    GroupState state = states.of(fingerprint);
    Instant now = clock.instant();
    if (state.muted(now)) {
      return Decision.hold("muted " + (state.mutedUntil() == null ? "until resolved"
          : "until " + WHEN.format(state.mutedUntil())) + by(state.mutedBy()));
    }
    if (state.resolvedAt() != null && !latestReceivedAt.isAfter(state.resolvedAt())) {
      return Decision.hold("resolved" + by(state.resolvedBy()) + " before it was sent");
    }
    MessageOptions.Builder options = MessageOptions.builder();
    if (state.regressed() && !states.deliveredSince(fingerprint, state.resolvedAt())) {
      options.note("🔁 Regression: resolved on " + WHEN.format(state.resolvedAt()) + by(state.resolvedBy()));
    }
    buttons.forGroup(fingerprint).forEach(options::row);
    return Decision.send(options.build());
  }

  @Override
  public void hold(List<String> eventIds, String reason) {
    states.hold(eventIds, reason);
  }

  private static String by(String actor) {
    return actor == null ? "" : " by " + actor;
  }
}
