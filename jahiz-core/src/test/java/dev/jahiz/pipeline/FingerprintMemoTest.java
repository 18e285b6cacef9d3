package dev.jahiz.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jahiz.fingerprint.Fingerprints;
import dev.jahiz.report.ErrorReport;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FingerprintMemoTest {
  private final Fingerprints fingerprints = Fingerprints.byDefault();
  private final FingerprintMemo memo = new FingerprintMemo(fingerprints);

  private static final String[] MESSAGES = {
    "order 17 failed", "order 23 failed", "db-1 down", "db-2 down", "id 3f2b8c1e-9a4d-4c2e-8f1a-2b3c4d5e6f70",
    "id 12345678-1234-1234-1234-123456789012", "0x1f failed", "0x2f failed", "abc", null, "timeout after 30000 ms"
  };

  private static RuntimeException thrownAt(int site, String message) {
    switch (site) {
      case 0:
        return new IllegalStateException(message);
      case 1:
        return new IllegalArgumentException(message);
      default:
        return nested(message);
    }
  }

  private static RuntimeException nested(String message) {
    return new IllegalStateException(message);
  }

  /** The memo is only a shortcut: it must always agree with computing the fingerprint afresh. */
  @Test
  void alwaysAgreesWithTheFingerprintComputedAfresh() {
    Random random = new Random(7);
    for (int i = 0; i < 2_000; i++) {
      String message = MESSAGES[random.nextInt(MESSAGES.length)];
      ErrorReport report = ErrorReport.builder().errorMessage(message == null ? "logged " + random.nextInt(50) : message)
          .logger("com.acme.L" + random.nextInt(2)).build();
      Throwable t = random.nextInt(4) == 0 ? null : thrownAt(random.nextInt(3), message);
      assertThat(memo.of(report, t)).as("case %d", i).isEqualTo(fingerprints.of(report, t));
    }
  }

  @Test
  void numbersInTheMessageStillGroupAndOtherWordsDoNot() {
    ErrorReport report = ErrorReport.of("x");
    assertThat(memo.of(report, nested("order 17 failed"))).isEqualTo(memo.of(report, nested("order 23 failed")));
    assertThat(memo.of(report, nested("order 17 failed"))).isNotEqualTo(memo.of(report, nested("refund 17 failed")));
  }
}
