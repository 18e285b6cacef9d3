package dev.jahiz.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jahiz.fingerprint.ApplicationPackages;
import dev.jahiz.fingerprint.StackFrames;
import dev.jahiz.logging.EventMapping;
import dev.jahiz.logging.Headlines;
import dev.jahiz.report.ErrorReport;
import dev.jahiz.report.ThrowableDetails;
import dev.jahiz.testing.BotApiHtml;
import dev.jahiz.testing.TraceFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Messages made from events captured in a real Spring Boot 4 app (see {@code traces/README.md}):
 * framework frames fold so that the application's frames and every cause are in the message, and
 * the whole trace stays available for the document attachment.
 */
class RealTraceRenderingTest {
  static final StackFrames PETCLINIC = StackFrames.withDetectedPackages(
      ApplicationPackages.fromMainClass("org.springframework.samples.petclinic.PetClinicApplication"));
  final TelegramRenderer renderer = TelegramRenderer.create(PETCLINIC);

  static ErrorReport report(String message, String logger, Throwable t) {
    ErrorReport logged = EventMapping.defaults()
        .map("ERROR", List.of(), message, logger, "http-nio-8080-exec-1", Map.of(), Map.of(), 0L)
        .appName("petclinic").environment("production").build();
    return ThrowableDetails.complete(Headlines.fromRootCause(logged, t), t, PETCLINIC);
  }

  /** The lines a reader needs: where the app's code ran (generated proxies aside) and every cause. */
  static List<String> essentialLines(String trace) {
    List<String> lines = new ArrayList<>();
    for (String line : trace.split("\n")) {
      String s = line.trim();
      boolean appFrame = s.startsWith("at org.springframework.samples.") && !s.contains("$$SpringCGLIB$$")
          && !s.contains("$HibernateProxy");
      if (appFrame || s.startsWith("Caused by:")) {
        lines.add(s);
      }
    }
    return lines;
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdk17-tomcat-crash-call20", "jdk25-tomcat-crash-call1", "jdk17-cglib-proxy-1",
      "jdk17-jdk-proxy-1", "jdk25-hibernate-proxy-1", "jdk17-lazy-collection-1", "jdk17-async-1",
      "jdk25-completable-future-1", "jdk17-scheduled-1", "jdk25-webflux-1"})
  void everyApplicationFrameAndCauseIsShownAndTheFullTraceIsKept(String capture) {
    TraceFixture f = TraceFixture.load(capture);
    ErrorReport report = report(f.message(), f.logger(), f.throwable());

    TelegramMessage message = renderer.render(report);

    String visible = BotApiHtml.visible(message.html());
    assertThat(BotApiHtml.problems(message.html())).isEmpty();
    assertThat(visible.length()).isLessThanOrEqualTo(TelegramMessage.MAX_LENGTH);
    assertThat(visible).contains(report.errorType() + ": " + report.errorMessage(), "Component: " + report.component());
    for (String line : essentialLines(f.trace())) {
      assertThat(visible).as(capture).contains(line);
    }
    if (report.stacktrace().length() > 3000) {
      assertThat(visible).containsPattern("… \\d+ framework frames");
      assertThat(message.fullTrace()).isEqualTo(report.stacktrace());
    }
  }

  @org.junit.jupiter.api.Test
  void theLoggedWrapperTextIsASecondaryLine() {
    TraceFixture f = TraceFixture.load("jdk17-tomcat-crash-call1");

    String visible = BotApiHtml.visible(renderer.render(report(f.message(), f.logger(), f.throwable())).html());

    assertThat(visible).contains("java.lang.RuntimeException: Expected: controller used to showcase what happens"
        + " when an exception is thrown\nLogged: Servlet.service() for servlet [dispatcherServlet]");
  }

  @org.junit.jupiter.api.Test
  void aDeepChainOfCausesKeepsEveryCauseAndTheAppsFrames() {
    TraceFixture f = TraceFixture.load("jdk17-jdk-proxy-1");
    Throwable chain = new IllegalStateException("could not register owner",
        new RuntimeException("transaction rolled back", new IllegalArgumentException("bad owner", f.throwable())));
    ErrorReport report = report("Owner registration failed", "org.springframework.samples.petclinic.owner.Owners", chain);

    String visible = BotApiHtml.visible(renderer.render(report).html());

    assertThat(report.stacktrace().length()).isGreaterThan(3 * TelegramMessage.MAX_LENGTH);
    assertThat(visible.length()).isLessThanOrEqualTo(TelegramMessage.MAX_LENGTH);
    for (String line : essentialLines(report.stacktrace())) {
      assertThat(visible).contains(line);
    }
  }
}
