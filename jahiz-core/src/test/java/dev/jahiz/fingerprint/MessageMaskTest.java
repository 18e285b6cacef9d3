package dev.jahiz.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Masking by scan must give exactly what the regular expressions give: a message masked differently
 * would split a group in two the day a receiver or client is upgraded.
 */
class MessageMaskTest {
  @Test
  void masksTheVariablePartsOfAMessage() {
    assertThat(MessageMask.mask("Order 123 for user 3f2c5a0e-8d1b-4c6e-9a7f-0b1c2d3e4f50 failed at 0x7ffe12ab,"
        + " retry 2.5s  later\t(build deadbeef1, v1.2.3)"))
        .isEqualTo("Order <n> for user <uuid> failed at <hex>, retry <n>s later (build <hex>, v<n>)");
  }

  @Test
  void givesWhatTheRegularExpressionsGiveForAnyAsciiMessage() {
    String alphabet = "0123456789abcdefABCDEFxXgzG_-.,: \t\n\r\u000b\f<>()/\u0001";
    Random random = new Random(20261130);
    for (int n = 0; n < 300_000; n++) {
      StringBuilder s = new StringBuilder();
      int length = random.nextInt(48);
      for (int i = 0; i < length; i++) {
        if (random.nextInt(40) == 0) {
          s.append(java.util.UUID.randomUUID());
        } else if (random.nextInt(30) == 0) {
          s.append("0x");
        } else {
          s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      String message = s.toString();
      assertThat(MessageMask.mask(message)).as("masking %s", message).isEqualTo(MessageMask.withExpressions(message));
    }
  }

  @Test
  void aMessageWithNonAsciiLettersIsMaskedByTheExpressionsThemselves() {
    String message = "Zahlung 42 für Konto ä1f fehlgeschlagen";
    assertThat(MessageMask.mask(message)).isEqualTo(MessageMask.withExpressions(message));
  }
}
