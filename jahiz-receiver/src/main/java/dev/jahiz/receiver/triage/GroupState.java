package dev.jahiz.receiver.triage;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What people decided about one fingerprint group, read against its latest report: a resolved group
 * that received a report after it was resolved is open again (a regression); a mute ends at
 * {@code mutedUntil}, or when the group is resolved if that is null.
 *
 * @param lastReceivedAt when the group's latest report arrived, or null when none is stored
 */
public record GroupState(String fingerprint, Instant resolvedAt, String resolvedBy, Instant mutedAt,
    Instant mutedUntil, String mutedBy, Instant lastReceivedAt) {

  public static final String OPEN = "open";
  public static final String RESOLVED = "resolved";
  public static final String MUTED = "muted";

  public static GroupState open(String fingerprint) {
    return new GroupState(fingerprint, null, null, null, null, null, null);
  }

  /** A later occurrence reopened the group after it was resolved. */
  public boolean regressed() {
    return resolvedAt != null && lastReceivedAt != null && lastReceivedAt.isAfter(resolvedAt);
  }

  public boolean resolved() {
    return resolvedAt != null && !regressed();
  }

  public boolean muted(Instant now) {
    return !resolved() && mutedAt != null && (mutedUntil == null || mutedUntil.isAfter(now));
  }

  /** {@code open}, {@code resolved} or {@code muted}. */
  public String name(Instant now) {
    return resolved() ? RESOLVED : muted(now) ? MUTED : OPEN;
  }

  /** The state as the JSON APIs show it. */
  public Map<String, Object> describe(Instant now) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("state", name(now));
    out.put("resolved_at", iso(resolvedAt));
    out.put("resolved_by", resolvedBy);
    out.put("regression", regressed());
    boolean muted = muted(now);
    out.put("muted_at", muted ? iso(mutedAt) : null);
    out.put("muted_until", muted ? iso(mutedUntil) : null);
    out.put("muted_by", muted ? mutedBy : null);
    return out;
  }

  private static String iso(Instant t) {
    return t == null ? null : t.toString();
  }
}
