package dev.jahiz.receiver.http;

import java.time.Duration;

/**
 * A request the receiver turns down, answered as {@code {"error": ..., "details": ...}}. The message
 * and details go to the caller, so they never carry secrets or expected signatures.
 */
public final class ApiError extends RuntimeException {
  private final int status;
  private final transient Object details;
  private final Duration retryAfter;

  private ApiError(int status, String message, Object details, Duration retryAfter) {
    super(message, null, false, false);
    this.status = status;
    this.details = details;
    this.retryAfter = retryAfter;
  }

  public static ApiError of(int status, String message) {
    return new ApiError(status, message, null, null);
  }

  public static ApiError of(int status, String message, Object details) {
    return new ApiError(status, message, details, null);
  }

  public static ApiError tooManyRequests(String message, Duration retryAfter) {
    return new ApiError(429, message, null, retryAfter);
  }

  public int status() {
    return status;
  }

  public Object details() {
    return details;
  }

  /** For 429: how long the caller should wait; else null. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
