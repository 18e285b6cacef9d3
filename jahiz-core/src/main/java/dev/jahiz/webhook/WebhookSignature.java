package dev.jahiz.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one definition of how reports posted to a Jahiz receiver are signed, so that the Java
 * client, the receiver and any other language agree byte for byte.
 *
 * <pre>
 * X-Jahiz-Timestamp: &lt;unix seconds&gt;
 * X-Jahiz-Signature: sha256=&lt;lowercase hex of HMAC-SHA256(secret, timestamp + "." + raw body)&gt;
 * </pre>
 *
 * <p>The timestamp is part of the signed bytes, so a captured request cannot be replayed after
 * the window (5 minutes by default). A second, simpler form is accepted by verifiers for shell
 * users: {@code X-Signature: <hex>} or {@code sha256=<hex>} of HMAC-SHA256 over the raw body alone,
 * which {@code openssl dgst -sha256 -hmac} produces.
 *
 * <p>Instances hold the secret; {@link #toString()} never shows it.
 */
public final class WebhookSignature {
  public static final String TIMESTAMP_HEADER = "X-Jahiz-Timestamp";
  public static final String SIGNATURE_HEADER = "X-Jahiz-Signature";
  /** Body-only signature header, as in {@code openssl dgst -sha256 -hmac secret}. */
  public static final String BODY_SIGNATURE_HEADER = "X-Signature";
  public static final Duration DEFAULT_REPLAY_WINDOW = Duration.ofMinutes(5);

  private static final String PREFIX = "sha256=";
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final byte[] secret;
  private final Duration replayWindow;
  /** Keyed once, never used itself: {@link #mac()} hands out copies (a benign race may key two). */
  private volatile Mac prototype;

  private WebhookSignature(byte[] secret, Duration replayWindow) {
    this.secret = secret;
    this.replayWindow = replayWindow;
  }

  public static WebhookSignature withSecret(String secret) {
    return withSecret(secret, DEFAULT_REPLAY_WINDOW);
  }

  public static WebhookSignature withSecret(String secret, Duration replayWindow) {
    Objects.requireNonNull(secret, "secret");
    if (secret.isEmpty()) {
      throw new IllegalArgumentException("webhook secret must not be empty");
    }
    if (replayWindow.isNegative() || replayWindow.isZero()) {
      throw new IllegalArgumentException("replay window must be positive");
    }
    return new WebhookSignature(secret.getBytes(StandardCharsets.UTF_8), replayWindow);
  }

  /** The two headers for a body sent at {@code now}. */
  public Signed sign(byte[] body, Instant now) {
    String timestamp = Long.toString(now.getEpochSecond());
    return new Signed(timestamp, PREFIX + hex(hmac(timestamped(timestamp, body))));
  }

  /** {@code sha256=<hex>} of the body alone: the {@code X-Signature} form. */
  public String signBody(byte[] body) {
    return PREFIX + hex(hmac(body));
  }

  /** Checks the timestamped form; every failure says why, never what was expected. */
  public Verdict verify(byte[] body, String timestampHeader, String signatureHeader, Instant now) {
    if (timestampHeader == null || timestampHeader.isBlank()) {
      return Verdict.fail("missing " + TIMESTAMP_HEADER + " header");
    }
    if (signatureHeader == null || signatureHeader.isBlank()) {
      return Verdict.fail("missing " + SIGNATURE_HEADER + " header");
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestampHeader.trim());
    } catch (NumberFormatException e) {
      return Verdict.fail(TIMESTAMP_HEADER + " must be unix seconds");
    }
    long skew = Math.abs(now.getEpochSecond() - seconds);
    if (skew > replayWindow.getSeconds()) {
      return Verdict.fail(TIMESTAMP_HEADER + " is outside the " + replayWindow.getSeconds()
          + " s replay window");
    }
    byte[] expected = hmac(timestamped(timestampHeader.trim(), body));
    return matches(expected, signatureHeader) ? Verdict.OK : Verdict.fail("signature does not match");
  }

  /** Checks the body-only form ({@code X-Signature: <hex>} or {@code sha256=<hex>}). */
  public Verdict verifyBody(byte[] body, String signatureHeader) {
    if (signatureHeader == null || signatureHeader.isBlank()) {
      return Verdict.fail("missing " + BODY_SIGNATURE_HEADER + " header");
    }
    return matches(hmac(body), signatureHeader) ? Verdict.OK : Verdict.fail("signature does not match");
  }

  /** Constant-time comparison of a plain shared secret, as the seed's Python client sends it. */
  public boolean secretEquals(String presented) {
    if (presented == null) {
      return false;
    }
    return MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean matches(byte[] expected, String header) {
    String value = header.trim();
    if (value.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      value = value.substring(PREFIX.length());
    }
    byte[] presented = unhex(value);
    // isEqual is constant-time for equal lengths; a malformed header compares against garbage.
    return MessageDigest.isEqual(expected, presented == null ? new byte[expected.length + 1] : presented);
  }

  private static byte[] timestamped(String timestamp, byte[] body) {
    byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, out, 0, prefix.length);
    System.arraycopy(body, 0, out, prefix.length, body.length);
    return out;
  }

  private byte[] hmac(byte[] data) {
    return mac().doFinal(data);
  }

  /**
   * A Mac keyed with the secret: a copy of one set up once, as looking up the provider and keying a
   * new Mac per request cost more than the HMAC of a small body. A Mac is not thread-safe, hence a
   * copy each time (or a new one, where the provider's cannot be copied).
   */
  private Mac mac() {
    Mac keyed = prototype;
    try {
      if (keyed == null) {
        keyed = Mac.getInstance("HmacSHA256");
        keyed.init(new SecretKeySpec(secret, "HmacSHA256"));
        prototype = keyed;
      }
      try {
        return (Mac) keyed.clone();
      } catch (CloneNotSupportedException e) {
        Mac fresh = Mac.getInstance("HmacSHA256");
        fresh.init(new SecretKeySpec(secret, "HmacSHA256"));
        return fresh;
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  static String hex(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[bytes[i] & 0xf];
    }
    return new String(out);
  }

  private static byte[] unhex(String s) {
    if (s.length() % 2 != 0) {
      return null;
    }
    byte[] out = new byte[s.length() / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = Character.digit(s.charAt(2 * i), 16);
      int lo = Character.digit(s.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        return null;
      }
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }

  public Duration replayWindow() {
    return replayWindow;
  }

  @Override
  public String toString() {
    return "WebhookSignature(secret=***, replayWindow=" + replayWindow + ")";
  }

  /** The header values of one signed request. */
  public static final class Signed {
    private final String timestamp;
    private final String signature;

    Signed(String timestamp, String signature) {
      this.timestamp = timestamp;
      this.signature = signature;
    }

    public String timestamp() {
      return timestamp;
    }

    public String signature() {
      return signature;
    }
  }

  /** The result of a verification; {@link #reason()} is safe to return to the caller. */
  public static final class Verdict {
    static final Verdict OK = new Verdict(true, null);

    private final boolean valid;
    private final String reason;

    private Verdict(boolean valid, String reason) {
      this.valid = valid;
      this.reason = reason;
    }

    static Verdict fail(String reason) {
      return new Verdict(false, reason);
    }

    public boolean isValid() {
      return valid;
    }

    public String reason() {
      return reason;
    }
  }
}
