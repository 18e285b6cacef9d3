package dev.jahiz.delivery;

import java.time.Duration;
import java.util.Objects;

/** What came of one delivery attempt, and so what the pipeline does next. */
public final class DeliveryOutcome {
  public enum Kind {
    /** The destination has it. */
    DELIVERED,
    /** The destination asked to wait ({@code 429} with {@code retry_after}); try again after {@link #retryAfter()}. */
    RATE_LIMITED,
    /** A transient failure (5xx, I/O error, timeout): retry with backoff. */
    RETRYABLE,
    /** The destination refused it for good (most 4xx): report once, do not retry. */
    REJECTED
  }

  private static final DeliveryOutcome DELIVERED = new DeliveryOutcome(Kind.DELIVERED, null, Duration.ZERO);

  private final Kind kind;
  private final String reason;
  private final Duration retryAfter;

  private DeliveryOutcome(Kind kind, String reason, Duration retryAfter) {
    this.kind = kind;
    this.reason = reason;
    this.retryAfter = retryAfter;
  }

  public static DeliveryOutcome delivered() {
    return DELIVERED;
  }

  public static DeliveryOutcome rateLimited(Duration retryAfter, String reason) {
    return new DeliveryOutcome(Kind.RATE_LIMITED, reason, Objects.requireNonNull(retryAfter, "retryAfter"));
  }

  public static DeliveryOutcome retryable(String reason) {
    return new DeliveryOutcome(Kind.RETRYABLE, reason, Duration.ZERO);
  }

  public static DeliveryOutcome rejected(String reason) {
    return new DeliveryOutcome(Kind.REJECTED, reason, Duration.ZERO);
  }

  public Kind kind() {
    return kind;
  }

  /** Why it did not go through, free of secrets; null when delivered. */
  public String reason() {
    return reason;
  }

  /** How long the destination asked to wait; zero unless {@link Kind#RATE_LIMITED}. */
  public Duration retryAfter() {
    return retryAfter;
  }

  public boolean isDelivered() {
    return kind == Kind.DELIVERED;
  }

  @Override
  public String toString() {
    return kind + (reason == null ? "" : " (" + reason + ")")
        + (kind == Kind.RATE_LIMITED ? " retry after " + retryAfter : "");
  }
}
