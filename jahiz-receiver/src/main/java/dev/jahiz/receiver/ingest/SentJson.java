package dev.jahiz.receiver.ingest;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.jahiz.report.ErrorReport;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The JSON a single report is stored with: the object its sender sent, with the members the receiver
 * settled appended: an event id and an error class where the sender gave none, and always the time
 * it was read as (the receiver's clock when the sender gave none, which reading the sender's bytes
 * again would not reproduce). Serializing the parsed report again cost about a twentieth of a
 * request's CPU; the sender's bytes are already valid JSON of a valid report, since they parsed.
 * Appended members come last, so they win over the sender's {@code "event_id": null} or its
 * {@code timestamp} in another notation, as JSON readers (Jackson, PostgreSQL's) take the last of
 * repeated names. Aliases and members the schema does not know are kept as sent (within the body
 * limit); {@code GET /errors/{id}} answers with the report as read, in the schema's own spelling.
 */
final class SentJson {
  private SentJson() {}

  /** The JSON to store, or null when the sender's is not UTF-8 (Jackson reads UTF-16 and 32 too): then serialize. */
  static String withSettled(byte[] sent, ErrorReport asSent, ErrorReport settled) {
    if (sent.length < 2 || sent[0] == 0 || sent[1] == 0 || (sent[0] & 0xFE) == 0xFE) {
      return null; // UTF-16 or 32, with or without a byte order mark
    }
    String json = new String(sent, StandardCharsets.UTF_8);
    if (!json.isEmpty() && json.charAt(0) == '\uFEFF') {
      json = json.substring(1); // a byte order mark Jackson skipped: not JSON inside a string column
    }
    StringBuilder members = new StringBuilder();
    if (!Objects.equals(asSent.eventId(), settled.eventId())) {
      member(members, "event_id", settled.eventId());
    }
    if (asSent.errorClass() != settled.errorClass() && settled.errorClass() != null) {
      member(members, "error_class", settled.errorClass().wireName());
    }
    member(members, "timestamp", settled.timestamp().toString()); // as IsoInstant writes it
    int end = json.lastIndexOf('}');
    boolean empty = isBlank(json, json.indexOf('{') + 1, end);
    return json.substring(0, end) + (empty ? members.substring(1) : members) + json.substring(end);
  }

  private static boolean isBlank(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Character.isWhitespace(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static void member(StringBuilder json, String name, String value) {
    json.append(",\"").append(name).append("\":\"")
        .append(JsonStringEncoder.getInstance().quoteAsString(value)).append('"');
  }
}
