package dev.jahiz.receiver.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The headers of each way a client can authenticate a write, computed here with {@code javax.crypto}
 * on purpose rather than through core's signer, so the receiver is checked against the spec itself.
 */
public final class Signed {
  private Signed() {}

  /** {@code X-Jahiz-Timestamp} and {@code X-Jahiz-Signature: sha256=<hex HMAC(secret, ts + "." + body)>}. */
  public static Map<String, String> timestamped(String secret, byte[] body, Instant at) {
    String ts = Long.toString(at.getEpochSecond());
    byte[] signed = concat((ts + ".").getBytes(StandardCharsets.US_ASCII), body);
    return Map.of("X-Jahiz-Timestamp", ts, "X-Jahiz-Signature", "sha256=" + hmacHex(secret, signed));
  }

  /** {@code X-Signature: <hex>}, what {@code openssl dgst -sha256 -hmac secret} prints. */
  public static Map<String, String> bodyHex(String secret, byte[] body) {
    return Map.of("X-Signature", hmacHex(secret, body));
  }

  /** {@code X-Signature: sha256=<hex>}. */
  public static Map<String, String> bodyPrefixed(String secret, byte[] body) {
    return Map.of("X-Signature", "sha256=" + hmacHex(secret, body));
  }

  /** The seed client's plain shared secret. */
  public static Map<String, String> secretHeader(String secret) {
    return Map.of("X-Webhook-Secret", secret);
  }

  public static String hmacHex(String secret, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
