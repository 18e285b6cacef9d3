package dev.jahiz.receiver.triage;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/** What a person can do to a group, from the chat or the web inbox; {@code code} is how buttons and forms name it. */
public enum TriageAction {
  RESOLVE("resolve", "Resolve", "✅ Resolved", null),
  MUTE_1H("mute_1h", "Mute 1 h", "🔕 Muted for 1 h", Duration.ofHours(1)),
  MUTE_24H("mute_24h", "Mute 24 h", "🔕 Muted for 24 h", Duration.ofHours(24)),
  MUTE_UNTIL_RESOLVED("mute", "Mute until resolved", "🔕 Muted until resolved", null),
  REOPEN("reopen", "Reopen", "🔔 Reopened", null);

  private final String code;
  private final String label;
  private final String done;
  private final Duration muteFor;

  TriageAction(String code, String label, String done, Duration muteFor) {
    this.code = code;
    this.label = label;
    this.done = done;
    this.muteFor = muteFor;
  }

  public String code() {
    return code;
  }

  /** The button's text. */
  public String label() {
    return label;
  }

  /** What the alert says once done, before "by … at …". */
  public String done() {
    return done;
  }

  public boolean mutes() {
    return this == MUTE_1H || this == MUTE_24H || this == MUTE_UNTIL_RESOLVED;
  }

  /** How long a mute lasts; empty for "until resolved" and for the other actions. */
  public Optional<Duration> muteFor() {
    return Optional.ofNullable(muteFor);
  }

  public static Optional<TriageAction> fromCode(String code) {
    return Arrays.stream(values()).filter(a -> a.code.equals(code)).findFirst();
  }
}
