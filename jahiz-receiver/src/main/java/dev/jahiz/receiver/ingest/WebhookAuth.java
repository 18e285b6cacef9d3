package dev.jahiz.receiver.ingest;

import dev.jahiz.webhook.WebhookSignature;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * Decides whether a write request comes from someone who knows the webhook secret, from the raw body
 * bytes and headers only, before anything is parsed. Three forms, strongest first: core's
 * timestamped HMAC, the body-only {@code X-Signature} HMAC that {@code openssl} produces, and the
 * seed client's plain {@code X-Webhook-Secret} (which can be switched off). All comparisons are
 * constant-time ({@link WebhookSignature}).
 */
public final class WebhookAuth {
  public static final String SECRET_HEADER = "X-Webhook-Secret";

  private final WebhookSignature signature;
  private final boolean allowSecretHeader;

  private WebhookAuth(WebhookSignature signature, boolean allowSecretHeader) {
    this.signature = signature;
    this.allowSecretHeader = allowSecretHeader;
  }

  public static WebhookAuth withSecret(String secret, Duration replayWindow, boolean allowSecretHeader) {
    return new WebhookAuth(WebhookSignature.withSecret(secret, replayWindow), allowSecretHeader);
  }

  /** Development mode without a secret: every request passes. */
  public static WebhookAuth open() {
    return new WebhookAuth(null, true);
  }

  /** The verdict for a request; {@code headers} looks a header up by name (case-insensitively). */
  public Result check(byte[] body, UnaryOperator<String> headers, Instant now) {
    if (signature == null) {
      return Result.ok("none");
    }
    String timestamped = headers.apply(WebhookSignature.SIGNATURE_HEADER);
    String timestamp = headers.apply(WebhookSignature.TIMESTAMP_HEADER);
    if (timestamped != null || timestamp != null) {
      WebhookSignature.Verdict v = signature.verify(body, timestamp, timestamped, now);
      return v.isValid() ? Result.ok("timestamped_hmac") : Result.fail("timestamped_hmac", v.reason());
    }
    String bodySignature = headers.apply(WebhookSignature.BODY_SIGNATURE_HEADER);
    if (bodySignature != null) {
      WebhookSignature.Verdict v = signature.verifyBody(body, bodySignature);
      return v.isValid() ? Result.ok("body_hmac") : Result.fail("body_hmac", v.reason());
    }
    String secret = headers.apply(SECRET_HEADER);
    if (secret != null) {
      if (!allowSecretHeader) {
        return Result.fail("secret_header", SECRET_HEADER + " is disabled on this receiver: sign the body with "
            + WebhookSignature.TIMESTAMP_HEADER + "/" + WebhookSignature.SIGNATURE_HEADER + " or "
            + WebhookSignature.BODY_SIGNATURE_HEADER);
      }
      return signature.secretEquals(secret) ? Result.ok("secret_header")
          : Result.fail("secret_header", SECRET_HEADER + " does not match");
    }
    return Result.fail("missing", "missing signature: send " + WebhookSignature.TIMESTAMP_HEADER + " and "
        + WebhookSignature.SIGNATURE_HEADER + ", or " + WebhookSignature.BODY_SIGNATURE_HEADER
        + (allowSecretHeader ? ", or " + SECRET_HEADER : ""));
  }

  /** Whether the request passed, by which form, and if not why (safe to send back). */
  public record Result(boolean ok, String mode, String reason) {
    static Result ok(String mode) {
      return new Result(true, mode, null);
    }

    static Result fail(String mode, String reason) {
      return new Result(false, mode, reason);
    }
  }

  @Override
  public String toString() {
    return "WebhookAuth(" + (signature == null ? "open" : "secret=***") + ", secretHeader=" + allowSecretHeader + ")";
  }
}
