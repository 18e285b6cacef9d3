package dev.jahiz.receiver.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jahiz.classify.ErrorClass;
import dev.jahiz.report.ErrorReport;
import dev.jahiz.report.ReportJson;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A single report is stored as its sender's JSON plus what the receiver settled, and reads back as the settled report. */
class SentJsonTest {
  private static ErrorReport settled(ErrorReport sent) {
    return sent.toBuilder().eventId("3f2c5a0e-8d1b-4c6e-9a7f-0b1c2d3e4f50").errorClass(ErrorClass.TIMEOUT_ERROR).build();
  }

  @Test
  void theReceiversEventIdAndErrorClassAreAddedToWhatWasSent() throws Exception {
    byte[] body = "{\"error_message\":\"Zahlung für Bestellung 42 fehlgeschlagen ✗\",\"severity\":\"error\"}"
        .getBytes(StandardCharsets.UTF_8);
    ErrorReport sent = ReportJson.parse(body);

    String stored = SentJson.withSettled(body, sent, settled(sent));

    assertThat(stored).startsWith("{\"error_message\":\"Zahlung für Bestellung 42 fehlgeschlagen ✗\"");
    // equal, the time it was received at included: read again later, it must not take that later time
    assertThat(ReportJson.parse(stored)).isEqualTo(settled(sent));
  }

  @Test
  void anEventIdSentAsNullIsOverriddenNotKept() throws Exception {
    byte[] body = " {\"event_id\": null, \"error_message\": \"boom\"}\n".getBytes(StandardCharsets.UTF_8);
    ErrorReport sent = ReportJson.parse(body);

    assertThat(ReportJson.parse(SentJson.withSettled(body, sent, settled(sent))).eventId())
        .isEqualTo("3f2c5a0e-8d1b-4c6e-9a7f-0b1c2d3e4f50");
  }

  @Test
  void aTimeInAnotherNotationReadsBackAsTheSameInstant() throws Exception {
    String body = "{\"event_id\":\"3f2c5a0e-8d1b-4c6e-9a7f-0b1c2d3e4f51\",\"error_class\":\"timeout_error\","
        + "\"error_message\":\"boom\",\"timestamp\":1796032800.25,\"x_extra\":1}";
    ErrorReport sent = ReportJson.parse(body.getBytes(StandardCharsets.UTF_8));

    String stored = SentJson.withSettled(body.getBytes(StandardCharsets.UTF_8), sent, sent);

    assertThat(stored).startsWith(body.substring(0, body.length() - 1)).contains("\"x_extra\":1");
    assertThat(ReportJson.parse(stored)).isEqualTo(sent);
  }

  @Test
  void jsonSentInUtf16IsSerializedAgainRatherThanMisread() throws Exception {
    byte[] body = "{\"error_message\":\"boom\"}".getBytes(StandardCharsets.UTF_16BE);
    ErrorReport sent = ReportJson.parse(body);

    assertThat(SentJson.withSettled(body, sent, settled(sent))).isNull();
  }
}
