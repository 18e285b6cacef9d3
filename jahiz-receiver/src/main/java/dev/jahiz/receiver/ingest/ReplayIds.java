package dev.jahiz.receiver.ingest;

import dev.jahiz.report.ErrorReport;
import dev.jahiz.webhook.WebhookSignature;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Event ids for signed reports that came without one, made from the digest of what was signed. A
 * byte-identical replay of a signed request then carries the same ids and is stored once (a
 * duplicate, answered 200) for as long as the first one is kept: a body-only {@code X-Signature}
 * never expires, so this is all that stops one captured request being stored and sent forever.
 * Reports with their own {@code event_id} keep it; unsigned requests (dev mode, browser keys, the
 * plain secret header) are left alone, as the same bytes may honestly be sent twice.
 */
final class ReplayIds {
  private ReplayIds() {}

  /** What a replay repeats exactly for this way of authenticating, or null when ids are left alone. */
  static byte[] signedBytes(String mode, byte[] body, UnaryOperator<String> headers) {
    switch (mode) {
      case "body_hmac":
        return body;
      case "timestamped_hmac":
        byte[] ts = (headers.apply(WebhookSignature.TIMESTAMP_HEADER) + ".").getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(ts.length + body.length).put(ts).put(body).array();
      default:
        return null;
    }
  }

  /** The reports, each without an event id given one derived from the signed bytes and its position. */
  static List<ErrorReport> assign(byte[] signed, List<ErrorReport> reports) {
    if (signed == null) {
      return reports;
    }
    List<ErrorReport> out = new ArrayList<>(reports.size());
    for (int i = 0; i < reports.size(); i++) {
      ErrorReport r = reports.get(i);
      out.add(r.eventId() != null ? r : r.toBuilder().eventId(id(signed, i)).build());
    }
    return out;
  }

  private static String id(byte[] signed, int index) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
    sha256.update(("jahiz-replay:" + index + ":").getBytes(StandardCharsets.US_ASCII));
    ByteBuffer digest = ByteBuffer.wrap(sha256.digest(signed));
    long high = (digest.getLong() & ~0xF000L) | 0x8000L; // version 8: a custom, name-derived UUID
    long low = (digest.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
    return new UUID(high, low).toString();
  }
}
