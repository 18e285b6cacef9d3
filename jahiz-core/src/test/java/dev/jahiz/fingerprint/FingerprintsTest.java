package dev.jahiz.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jahiz.report.ErrorReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class FingerprintsTest {
  final Fingerprints fingerprints = Fingerprints.byDefault();

  static final String TRACE_V1 = String.join("\n",
      "java.lang.IllegalStateException: order 1234 has no customer",
      "\tat com.acme.shop.CheckoutService.validate(CheckoutService.java:88)",
      "\tat com.acme.shop.CheckoutService.checkout(CheckoutService.java:42)",
      "\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:897)",
      "\tat com.acme.shop.web.CheckoutController.post(CheckoutController.java:31)",
      "Caused by: java.lang.NullPointerException: customer",
      "\tat com.acme.shop.Customers.find(Customers.java:12)");

  static ErrorReport fromTrace(String message, String trace) {
    return ErrorReport.builder()
        .errorMessage(message)
        .errorType("java.lang.IllegalStateException")
        .stacktrace(trace)
        .build();
  }

  @Test
  void theSameFailureGroupsTogetherAfterARedeployThatShiftedLines() {
    String v2 = TRACE_V1.replace("CheckoutService.java:88", "CheckoutService.java:97")
        .replace("CheckoutService.java:42", "CheckoutService.java:45")
        .replace("FrameworkServlet.java:897", "FrameworkServlet.java:901");

    assertThat(fingerprints.of(fromTrace("order 1234 has no customer", v2)))
        .isEqualTo(fingerprints.of(fromTrace("order 1234 has no customer", TRACE_V1)));
  }

  @Test
  void variablePartsOfTheMessageDoNotSplitAGroup() {
    assertThat(fingerprints.of(fromTrace("order 99 has no customer", TRACE_V1)))
        .isEqualTo(fingerprints.of(fromTrace("order 1234 has no customer", TRACE_V1)));
    assertThat(Fingerprints.maskMessage("user 3f2b8c1e-9a4d-4c2e-8f1a-2b3c4d5e6f70 at 0x7ffe12ab took 15.5 ms"))
        .isEqualTo("user <uuid> at <hex> took <n> ms");
  }

  @Test
  void differentFailuresDoNotGroup() {
    String base = fingerprints.of(fromTrace("order 1 has no customer", TRACE_V1));

    assertThat(fingerprints.of(fromTrace("payment declined", TRACE_V1))).as("other message").isNotEqualTo(base);
    assertThat(fingerprints.of(fromTrace("order 1 has no customer",
        TRACE_V1.replace("CheckoutService.validate", "CheckoutService.reserve")))).as("other code").isNotEqualTo(base);
    ErrorReport otherType = fromTrace("order 1 has no customer", TRACE_V1).toBuilder()
        .errorType("java.lang.IllegalArgumentException").build();
    assertThat(fingerprints.of(otherType)).as("other type").isNotEqualTo(base);
  }

  @Test
  void anExplicitFingerprintWins() {
    ErrorReport r = fromTrace("x", TRACE_V1).toBuilder().fingerprint("checkout-npe").build();
    assertThat(fingerprints.of(r)).isEqualTo("checkout-npe");
    assertThat(fingerprints.of(r, new RuntimeException("y"))).isEqualTo("checkout-npe");
  }

  @Test
  void thrownExceptionsGroupByCallSiteAndNotByTheirIds() {
    ErrorReport report = ErrorReport.of("failed");
    String first = fingerprints.of(report, Thrower.loadOrder(17));
    String again = fingerprints.of(report, Thrower.loadOrder(42));
    String elsewhere = fingerprints.of(report, Thrower.saveOrder(17));

    assertThat(again).isEqualTo(first);
    assertThat(elsewhere).isNotEqualTo(first);
  }

  @Test
  void throwableAndItsRenderedTraceAgreeOnTheFrames() {
    RuntimeException e = Thrower.loadOrder(5);
    StackFrames frames = StackFrames.byDefault();
    String text = dev.jahiz.report.ThrowableDetails.stackTraceOf(e);

    assertThat(frames.topFramesOfText(text, Fingerprints.FRAMES))
        .isEqualTo(frames.topFrames(e, Fingerprints.FRAMES));
  }

  @Test
  void generatedNamesAreMaskedSoRebuildsDoNotSplitGroups() {
    assertThat(StackFrames.stable("com.acme.Service$$SpringCGLIB$$0.handle"))
        .isEqualTo(StackFrames.stable("com.acme.Service$$SpringCGLIB$$1.handle"));
    assertThat(StackFrames.stable("com.acme.Jobs.lambda$run$12"))
        .isEqualTo(StackFrames.stable("com.acme.Jobs.lambda$run$3"))
        .isNotEqualTo(StackFrames.stable("com.acme.Jobs.lambda$stop$3"));
  }

  @Test
  void pythonTracesFromTheSeedClientGroupByFileAndFunction() {
    String trace = "Traceback (most recent call last):\n  File \"checkout.py\", line 42, in process\n"
        + "    process(order)\nNullPointerException: order.user is None";
    ErrorReport a = ErrorReport.builder().errorMessage("m").stacktrace(trace).build();
    ErrorReport b = ErrorReport.builder().errorMessage("m").stacktrace(trace.replace("line 42", "line 50")).build();
    assertThat(fingerprints.of(a)).isEqualTo(fingerprints.of(b));
  }

  @Test
  void applicationPackagesCanBeNamed() {
    StackFrames onlyAcme = StackFrames.forApplicationPackages(List.of("com.acme"));
    assertThat(onlyAcme.isApplicationClass("com.acme.shop.Cart")).isTrue();
    assertThat(onlyAcme.isApplicationClass("com.acmeother.Cart")).isFalse();
    assertThat(StackFrames.byDefault().isApplicationClass("org.springframework.web.Servlet")).isFalse();
    assertThat(StackFrames.byDefault().isApplicationClass("com.acme.shop.Cart")).isTrue();
  }

  static final class Thrower {
    static RuntimeException loadOrder(int id) {
      return new IllegalStateException("order " + id + " not found");
    }

    static RuntimeException saveOrder(int id) {
      return new IllegalStateException("order " + id + " not found");
    }
  }
}
