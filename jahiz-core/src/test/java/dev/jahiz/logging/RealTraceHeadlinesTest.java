package dev.jahiz.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jahiz.fingerprint.ApplicationPackages;
import dev.jahiz.fingerprint.StackFrames;
import dev.jahiz.report.ErrorReport;
import dev.jahiz.report.ThrowableDetails;
import dev.jahiz.testing.TraceFixture;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a person reads first, on events captured from a real Spring Boot 4 app (see {@code
 * traces/README.md}): the failure's own type and message rather than the framework's wrapper
 * text, which stays as a secondary line, and the application class where it failed as component.
 */
class RealTraceHeadlinesTest {
  static Stream<Arguments> captures() {
    String servlet = "Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception";
    return Stream.of(
        Arguments.of("tomcat-crash-call1", "java.lang.RuntimeException",
            "Expected: controller used to showcase what happens when an exception is thrown", "CrashController", servlet),
        Arguments.of("tomcat-crash-call20", "java.lang.RuntimeException",
            "Expected: controller used to showcase what happens when an exception is thrown", "CrashController", servlet),
        Arguments.of("cglib-proxy-1", "java.lang.IllegalStateException", "no price list for owner 1",
            "BillingService", servlet),
        Arguments.of("jdk-proxy-1", "org.hibernate.PropertyValueException",
            "not-null property references a null or transient value for entity"
                + " org.springframework.samples.petclinic.owner.Owner.lastName", "OwnerController", servlet),
        Arguments.of("lazy-collection-1", "org.hibernate.LazyInitializationException",
            "Cannot lazily initialize collection of role 'org.springframework.samples.petclinic.owner.Owner.pets'"
                + " with key '1' (no session)", "OwnerController", servlet),
        Arguments.of("hibernate-proxy-1", "org.hibernate.LazyInitializationException",
            "Could not initialize proxy [org.springframework.samples.petclinic.owner.Pet#1] - no session",
            "OwnerController", servlet),
        Arguments.of("async-1", "java.lang.IllegalStateException", "push gateway refused owner 1",
            "NotificationService", "Unexpected exception occurred invoking async method: public void"),
        Arguments.of("scheduled-1", "java.lang.IllegalStateException",
            "reminder mail server unreachable: smtp.example.org:25", "ReminderJob",
            "Unexpected error occurred in scheduled task"),
        Arguments.of("webflux-1", "java.lang.IllegalStateException", "no vet available for pet 7",
            "ReactiveController", " 500 Server Error for HTTP GET \"/visits/7\""),
        // The app's own message is the headline: nothing to replace, nothing kept aside.
        Arguments.of("completable-future-1", "java.util.concurrent.CompletionException",
            "Price refresh failed for owner 1", "OwnerController", null));
  }

  /** The report as the preparer makes it from what the appender handed over. */
  static ErrorReport encoded(TraceFixture f, Throwable t, StackFrames frames) {
    ErrorReport logged = EventMapping.defaults()
        .map("ERROR", List.of(), f.message(), f.logger(), f.thread(), Map.of(), Map.of(), 0L).build();
    return ThrowableDetails.complete(Headlines.fromRootCause(logged, t), t, frames);
  }

  @ParameterizedTest
  @MethodSource("captures")
  void theHeadlineIsTheFailureAndTheComponentTheAppClassWhereItFailed(
      String capture, String type, String message, String component, String logged) {
    for (String jdk : List.of("jdk17-", "jdk25-")) {
      TraceFixture f = TraceFixture.load(jdk + capture);
      for (StackFrames frames : List.of(StackFrames.byDefault(),
          StackFrames.withDetectedPackages(ApplicationPackages.fromMainClass(f.startClass())))) {
        Throwable t = f.throwable();
        ErrorReport r = encoded(f, t, frames);

        assertThat(typeOf(r, t)).as(f.name()).isEqualTo(type);
        assertThat(r.errorMessage()).as(f.name()).isEqualTo(message);
        assertThat(r.component()).as(f.name()).isEqualTo(component);
        if (logged == null) {
          assertThat(r.logMessage()).as(f.name()).isNull();
        } else {
          assertThat(r.logMessage()).as(f.name()).isEqualTo(f.message()).contains(logged);
        }
        assertThat(r.logger()).isEqualTo(f.logger());
      }
    }
  }

  @org.junit.jupiter.api.Test
  void withoutAnApplicationFrameTheLoggerStaysTheComponent() {
    TraceFixture f = TraceFixture.load("jdk17-tomcat-crash-call1");

    ErrorReport r = encoded(f, f.throwable(), StackFrames.forApplicationPackages(List.of("com.example")));

    assertThat(r.component()).isEqualTo("[dispatcherServlet]");
    assertThat(r.errorMessage()).startsWith("Expected: controller used to showcase");
  }

  @org.junit.jupiter.api.Test
  void wrappersOfOtherServersAreRecognizedAndOrdinaryMessagesAreNot() {
    assertThat(Headlines.isFrameworkWrapper("org.eclipse.jetty.ee10.servlet.ServletChannel", "handleException /oups"))
        .isTrue();
    assertThat(Headlines.isFrameworkWrapper("io.undertow.request",
        "UT005023: Exception handling request to /oups")).isTrue();
    assertThat(Headlines.isFrameworkWrapper("io.netty.channel.DefaultChannelPipeline",
        "An exceptionCaught() event was fired, and it reached at the tail of the pipeline.")).isTrue();
    assertThat(Headlines.isFrameworkWrapper("reactor.netty.http.server.HttpServerOperations",
        "[a1b2c3d4, L:/127.0.0.1:8080 - R:/127.0.0.1:5000] Error finishing response. Closing connection")).isTrue();
    assertThat(Headlines.isFrameworkWrapper("org.springframework.web.servlet.DispatcherServlet",
        "Request processing failed: java.lang.IllegalStateException: x")).isTrue();
    assertThat(Headlines.isFrameworkWrapper("com.acme.Workers", "Uncaught exception in thread worker-3")).isTrue();

    assertThat(Headlines.isFrameworkWrapper("com.acme.Checkout", "Payment failed for order 42")).isFalse();
    assertThat(Headlines.isFrameworkWrapper("org.apache.catalina.core.StandardContext", "One or more listeners failed"))
        .isFalse();
  }

  @org.junit.jupiter.api.Test
  void aRootCauseWithoutMessageStillMakesAHeadline() {
    ErrorReport logged = ErrorReport.builder().errorMessage("Unexpected error occurred in scheduled task").build();

    ErrorReport r = Headlines.fromRootCause(logged, new IllegalStateException("wrapper", new NullPointerException()));

    assertThat(r.errorType()).isEqualTo("java.lang.NullPointerException");
    assertThat(r.errorMessage()).isEqualTo("(no message)");
    assertThat(r.logMessage()).isEqualTo("Unexpected error occurred in scheduled task");
  }

  /** A class the test class path lacks (Hibernate's) is rebuilt under another name: compare the captured one. */
  private static String typeOf(ErrorReport r, Throwable logged) {
    Throwable source = r.logMessage() != null ? Headlines.rootCause(logged) : logged;
    return source instanceof TraceFixture.Replayed ? ((TraceFixture.Replayed) source).type() : r.errorType();
  }
}
