package dev.jahiz.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
  private static final byte[] BODY = "{\"error_message\":\"hello\"}".getBytes(StandardCharsets.UTF_8);
  private static final Instant AT = Instant.ofEpochSecond(1_700_000_000L);
  private final WebhookSignature signature = WebhookSignature.withSecret("s3cret");

  @Test
  void signsExactlyWhatOpensslComputesForTimestampDotBody() {
    // printf '%s.%s' 1700000000 '{"error_message":"hello"}' | openssl dgst -sha256 -hmac s3cret
    WebhookSignature.Signed signed = signature.sign(BODY, AT);
    assertThat(signed.timestamp()).isEqualTo("1700000000");
    assertThat(signed.signature())
        .isEqualTo("sha256=183272e3041250572b3900ab4ddcbe836aa11085125e85b00f18ea7947d04432");
  }

  @Test
  void bodyOnlyFormMatchesOpensslOfTheBody() {
    assertThat(signature.signBody(BODY))
        .isEqualTo("sha256=2fe71b2147cf94223c34d8461a4f720b29c58c1d436bee15f703ddfeeb06c195");
    assertThat(signature.verifyBody(BODY, "2fe71b2147cf94223c34d8461a4f720b29c58c1d436bee15f703ddfeeb06c195").isValid()).isTrue();
    assertThat(signature.verifyBody(BODY, "SHA256=2FE71B2147CF94223C34D8461A4F720B29C58C1D436BEE15F703DDFEEB06C195").isValid()).isTrue();
  }

  @Test
  void acceptsItsOwnSignatureWithinTheReplayWindow() {
    WebhookSignature.Signed signed = signature.sign(BODY, AT);
    assertThat(signature.verify(BODY, signed.timestamp(), signed.signature(), AT.plusSeconds(299)).isValid()).isTrue();
  }

  @Test
  void rejectsStaleTamperedWrongSecretAndMissing() {
    WebhookSignature.Signed signed = signature.sign(BODY, AT);
    assertThat(signature.verify(BODY, signed.timestamp(), signed.signature(), AT.plusSeconds(301)).reason())
        .contains("replay window");
    byte[] tampered = "{\"error_message\":\"hellO\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(signature.verify(tampered, signed.timestamp(), signed.signature(), AT).reason())
        .isEqualTo("signature does not match");
    assertThat(WebhookSignature.withSecret("other").verify(BODY, signed.timestamp(), signed.signature(), AT).isValid())
        .isFalse();
    assertThat(signature.verify(BODY, null, signed.signature(), AT).reason()).contains("X-Jahiz-Timestamp");
    assertThat(signature.verify(BODY, signed.timestamp(), "", AT).reason()).contains("X-Jahiz-Signature");
    assertThat(signature.verify(BODY, signed.timestamp(), "sha256=zz", AT).isValid()).isFalse();
    assertThat(signature.verifyBody(BODY, "abc").isValid()).isFalse();
  }

  @Test
  void secretNeverShowsInToString() {
    assertThat(signature.toString()).doesNotContain("s3cret");
    assertThat(signature.secretEquals("s3cret")).isTrue();
    assertThat(signature.secretEquals("s3cre")).isFalse();
    assertThat(signature.secretEquals(null)).isFalse();
  }
}
