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

  private static final DeliveryOutcome DELIVERED = new DeliveryOutcome(Kind.DELIVERED, null, Duration.ZERO, null);

  private final Kind kind;
  private final String reason;
  private final Duration retryAfter;
  private final Long messageId;

  private DeliveryOutcome(Kind kind, String reason, Duration retryAfter, Long messageId) {
    this.kind = kind;
    this.reason = reason;
    this.retryAfter = retryAfter;
    this.messageId = messageId;
  }

  public static DeliveryOutcome delivered() {
    return DELIVERED;
  }

  /** Delivered as the destination's message {@code messageId} (Telegram's {@code message_id}), which can be replied to. */
  public static DeliveryOutcome delivered(long messageId) {
    return new DeliveryOutcome(Kind.DELIVERED, null, Duration.ZERO, messageId);
  }

  public static DeliveryOutcome rateLimited(Duration retryAfter, String reason) {
    return new DeliveryOutcome(Kind.RATE_LIMITED, reason, Objects.requireNonNull(retryAfter, "retryAfter"), null);
  }

  public static DeliveryOutcome retryable(String reason) {
    return new DeliveryOutcome(Kind.RETRYABLE, reason, Duration.ZERO, null);
  }

  public static DeliveryOutcome rejected(String reason) {
    return new DeliveryOutcome(Kind.REJECTED, reason, Duration.ZERO, null);
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

  /** The id the destination gave the delivered message, or null when it gives none. */
  public Long messageId() {
    return messageId;
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
