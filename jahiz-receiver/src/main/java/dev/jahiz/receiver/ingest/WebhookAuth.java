package dev.jahiz.receiver.ingest;

import dev.jahiz.receiver.config.PublicKey;
import dev.jahiz.webhook.WebhookSignature;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * Decides who a write request comes from, from the raw body bytes, headers and query only, before
 * anything is parsed: someone who knows the webhook secret, or a web page with a browser key.
 *
 * <p>The secret comes in three forms, strongest first: core's timestamped HMAC, the body-only
 * {@code X-Signature} HMAC that {@code openssl} produces, and the seed client's plain
 * {@code X-Webhook-Secret} (which can be switched off); comparisons are constant-time ({@link
 * WebhookSignature}). A browser key ({@link BrowserKeys}) comes in {@code X-Webhook-Secret}, where the
 * seed's browser SDK puts it, or in the {@code key} query parameter for {@code navigator.sendBeacon};
 * what it may do is the caller's to check ({@link Result#browserKey()}).
 */
public final class WebhookAuth {
  public static final String SECRET_HEADER = "X-Webhook-Secret";

  private final WebhookSignature signature;
  private final boolean allowSecretHeader;
  private final BrowserKeys browserKeys;

  private WebhookAuth(WebhookSignature signature, boolean allowSecretHeader, BrowserKeys browserKeys) {
    this.signature = signature;
    this.allowSecretHeader = allowSecretHeader;
    this.browserKeys = browserKeys;
  }

  public static WebhookAuth withSecret(String secret, Duration replayWindow, boolean allowSecretHeader,
      BrowserKeys browserKeys) {
    return new WebhookAuth(WebhookSignature.withSecret(secret, replayWindow), allowSecretHeader, browserKeys);
  }

  /** Development mode without a secret: every request passes (a browser key still has a browser's limits). */
  public static WebhookAuth open(BrowserKeys browserKeys) {
    return new WebhookAuth(null, true, browserKeys);
  }

  /**
   * The verdict for a request; {@code headers} looks a header up by name (case-insensitively),
   * {@code queryKey} is the {@value BrowserKeys#QUERY_PARAMETER} query parameter or null.
   */
  public Result check(byte[] body, UnaryOperator<String> headers, String queryKey, Instant now) {
    String secret = headers.apply(SECRET_HEADER);
    PublicKey key = browserKeys.find(queryKey != null ? queryKey : secret);
    if (key != null) {
      return Result.browser(key);
    }
    if (queryKey != null) {
      boolean isSecret = signature != null && signature.secretEquals(queryKey.strip());
      return Result.fail("query_key", isSecret
          ? "the webhook secret is never accepted in a URL, which ends up in logs: send it in " + SECRET_HEADER
          : "the " + BrowserKeys.QUERY_PARAMETER + " parameter is not a browser key of this receiver (JAHIZ_PUBLIC_KEYS)");
    }
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

  /**
   * Whether the request passed, by which form, and if not why (safe to send back); for a browser
   * key, which one: such a request may only do what {@link BrowserKeys#admit} allows.
   */
  public record Result(boolean ok, String mode, String reason, PublicKey browserKey) {
    static Result ok(String mode) {
      return new Result(true, mode, null, null);
    }

    static Result browser(PublicKey key) {
      return new Result(true, "browser_key", null, key);
    }

    static Result fail(String mode, String reason) {
      return new Result(false, mode, reason, null);
    }
  }

  @Override
  public String toString() {
    return "WebhookAuth(" + (signature == null ? "open" : "secret=***") + ", secretHeader=" + allowSecretHeader
        + ", browserKeys=" + browserKeys + ")";
  }
}
