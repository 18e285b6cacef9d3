package dev.jahiz.delivery;

import dev.jahiz.report.ErrorReport;

/**
 * The send stage: gets one report to its destination, synchronously, on a delivery thread.
 *
 * <p>Implementations never throw for a delivery problem: every failure becomes a {@link
 * DeliveryOutcome} that tells the pipeline whether to wait, retry or give up. They keep their
 * credentials out of every message, exception and {@code toString()}.
 */
public interface Transport extends AutoCloseable {
  /**
   * Delivers a report, which may stand for several occurrences ({@link ErrorReport#occurrences()}).
   * Called from up to {@link #maxConcurrentDeliveries()} delivery threads at once.
   */
  DeliveryOutcome deliver(ErrorReport report);

  /**
   * Delivers a report as a reply to an earlier message of this destination, the one whose
   * {@link DeliveryOutcome#messageId()} is given (a resolution answering the alert it resolves).
   * Destinations without replies deliver it as any other report.
   */
  default DeliveryOutcome deliverReply(ErrorReport report, long replyToMessageId) {
    return deliver(report);
  }

  /**
   * Delivers a report presented with these options: as a reply, below a note, with buttons.
   * Destinations that cannot show an option leave it out; by default only the reply is kept.
   */
  default DeliveryOutcome deliver(ErrorReport report, MessageOptions options) {
    return options.replyTo() == null ? deliver(report) : deliverReply(report, options.replyTo());
  }

  /**
   * How many deliveries may be under way at once (1 by default). More than one only where the
   * destination takes concurrent requests and neither order nor pacing matters; the pipeline uses
   * one whenever a pacing limit applies.
   */
  default int maxConcurrentDeliveries() {
    return 1;
  }

  /**
   * How fast the destination accepts messages; the pipeline never sends faster. Telegram's
   * transport answers with the Bot API's published limits.
   */
  default Pacing pacing() {
    return Pacing.unlimited();
  }

  /** A short description for status messages, without secrets, e.g. {@code telegram(chat=-100123)}. */
  String describe();

  /** Releases connections and threads; delivering after close is not supported. */
  @Override
  void close();
}
