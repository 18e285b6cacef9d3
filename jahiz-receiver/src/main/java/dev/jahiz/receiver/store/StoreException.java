package dev.jahiz.receiver.store;

/** The database failed; the caller answers 503 or retries later. */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
