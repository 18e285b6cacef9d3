package dev.jahiz.receiver.monitoring;

import java.time.Instant;

/**
 * One recorded webhook event: a write request as it was answered, or one delivery attempt to Telegram.
 *
 * @param processingMs request start to durable acknowledgement, or the Bot API call's response time
 * @param signatureValid null when the request never got as far as its signature (or for deliveries)
 */
public record WebhookEvent(Instant at, Kind kind, String source, String type, boolean success,
    Double processingMs, Integer responseStatus, String errorType, String errorMessage, String ipAddress,
    Boolean signatureValid) {

  /** Requests are what apps post to us; deliveries are what we post to Telegram. */
  public enum Kind { REQUEST, DELIVERY }

  public static final String PROCESSED = "processed";
  public static final String ERROR = "error";
  /** A request that only repeated reports already stored, or a delivery attempt that will be retried. */
  public static final String RETRY = "retry";
  public static final String RESPONSE_SENT = "response_sent";

  /** Error types of requests, as the health endpoints and alerts name them. */
  public static final String INVALID_SIGNATURE = "InvalidSignature";
  public static final String STALE_TIMESTAMP = "StaleTimestamp";
  public static final String STORAGE_ERROR = "StorageError";
  public static final String PROCESSING_ERROR = "ProcessingError";

  public boolean isSignatureFailure() {
    return INVALID_SIGNATURE.equals(errorType) || STALE_TIMESTAMP.equals(errorType);
  }

  public boolean isProcessingError() {
    return STORAGE_ERROR.equals(errorType) || PROCESSING_ERROR.equals(errorType);
  }
}
