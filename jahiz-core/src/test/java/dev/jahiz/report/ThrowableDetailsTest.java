package dev.jahiz.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jahiz.fingerprint.StackFrames;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class ThrowableDetailsTest {
  @Test
  void fillsTypeTraceAndTheFirstApplicationFrame() {
    Exception cause = new java.io.IOException("disk full");
    RuntimeException e = new UncheckedIOException("could not save order", (java.io.IOException) cause);
    e.addSuppressed(new IllegalStateException("cleanup failed"));

    ErrorReport r = ThrowableDetails.complete(ErrorReport.of("save failed"), e, StackFrames.byDefault());

    assertThat(r.errorType()).isEqualTo("java.io.UncheckedIOException");
    assertThat(r.stacktrace())
        .contains("Caused by: java.io.IOException: disk full")
        .contains("Suppressed: java.lang.IllegalStateException: cleanup failed");
    assertThat(r.fileName()).isEqualTo("ThrowableDetailsTest.java");
    assertThat(r.functionName()).isEqualTo(getClass().getName() + ".fillsTypeTraceAndTheFirstApplicationFrame");
    assertThat(r.lineNumber()).isPositive();
  }

  @Test
  void keepsWhatTheReportAlreadySays() {
    ErrorReport given = ErrorReport.builder().errorMessage("m").errorType("Custom").fileName("a.py").build();
    ErrorReport r = ThrowableDetails.complete(given, new RuntimeException(), StackFrames.byDefault());
    assertThat(r.errorType()).isEqualTo("Custom");
    assertThat(r.fileName()).isEqualTo("a.py");
    assertThat(r.lineNumber()).isNull();
  }

  @Test
  void aThrowableWhoseToStringThrowsIsStillReported() {
    RuntimeException evil = new RuntimeException() {
      @Override
      public String toString() {
        throw new IllegalStateException("nope");
      }
    };
    ErrorReport r = ThrowableDetails.complete(ErrorReport.of("m"), evil, StackFrames.byDefault());
    assertThat(r.stacktrace()).contains("stack trace unavailable");
  }
}
