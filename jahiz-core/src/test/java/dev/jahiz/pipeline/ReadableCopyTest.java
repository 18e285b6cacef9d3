package dev.jahiz.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jahiz.report.ThrowableDetails;
import org.junit.jupiter.api.Test;

class ReadableCopyTest {
  @Test
  void aReadableCopyKeepsTheOuterCausesAndSaysHowManyItLeftOut() {
    Throwable chain = new IllegalStateException("root of it all");
    for (int i = 0; i < 5_000; i++) {
      chain = new RuntimeException("wrapped " + i, chain);
    }

    String trace = ThrowableDetails.stackTraceOf(ReadableCopy.of(chain));

    assertThat(trace).startsWith("java.lang.RuntimeException: wrapped 4999")
        .contains("Caused by: java.lang.RuntimeException: wrapped 4936", "Caused by: (4937 more causes not shown)")
        .doesNotContain("wrapped 4935");
  }
}
