package dev.jahiz.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * ISO 8601 timestamps on the wire, without pulling in Jackson's java.time module. Parsing is lenient
 * the way the seed's Python clients need: a timestamp without an offset ({@code datetime.isoformat()}
 * of a naive datetime) is read as UTC, and a space may stand for the {@code T}.
 */
public final class IsoInstant {
  /** Beyond year 9999 either way; anything inside converts to milliseconds exactly enough. */
  private static final double MAX_UNIX_SECONDS = 1e12;

  private IsoInstant() {}

  /**
   * Parses an ISO 8601 date-time.
   *
   * @throws IllegalArgumentException saying what was expected
   */
  public static Instant parse(String text) {
    String s = text == null ? "" : text.trim();
    if (s.length() > 10 && s.charAt(10) == ' ') {
      s = s.substring(0, 10) + 'T' + s.substring(11);
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException withoutOffset) {
      try {
        return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "timestamp must be an ISO 8601 date-time such as 2026-01-31T12:00:00Z, was '" + text + "'");
      }
    }
  }

  static final class Serializer extends JsonSerializer<Instant> {
    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
      gen.writeString(value.toString());
    }
  }

  static final class Deserializer extends JsonDeserializer<Instant> {
    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken().isNumeric()) {
        // Unix seconds, as some clients send them; beyond what an Instant holds is refused, not clamped.
        double seconds = p.getDoubleValue();
        if (!(Math.abs(seconds) < MAX_UNIX_SECONDS)) {
          throw new IllegalArgumentException("timestamp must be Unix seconds between years 0001 and 9999, was "
              + p.getText());
        }
        return Instant.ofEpochMilli(Math.round(seconds * 1000));
      }
      return parse(p.getValueAsString());
    }
  }
}
