package dev.jahiz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HostGuardTest {
  private final List<String> told = new ArrayList<>();
  private final HostGuard guard = HostGuard.builder("Jahiz appender [JAHIZ]", (level, message, cause) ->
      told.add(level + " " + message)).requirement("Logback 1.2 to 1.6").runtime(() -> "Logback 1.1.11").build();

  @Test
  void anIncompatibleLibraryIsToldOnceInWordsAUserActsOnAndDisablesTheGuard() {
    AtomicInteger runs = new AtomicInteger();
    Runnable step = () -> {
      runs.incrementAndGet();
      throw new NoSuchMethodError("'java.util.List ch.qos.logback.classic.spi.ILoggingEvent.getMarkerList()'");
    };

    boolean first = guard.run("report an event", step);
    boolean second = guard.run("report an event", step);

    assertThat(first).isFalse();
    assertThat(second).isFalse();
    assertThat(runs).hasValue(1);
    assertThat(guard.isDisabled()).isTrue();
    assertThat(told).singleElement().asString().startsWith("ERROR Jahiz appender [JAHIZ] is disabled: it could not"
        + " report an event (java.lang.NoSuchMethodError: 'java.util.List"
        + " ch.qos.logback.classic.spi.ILoggingEvent.getMarkerList()'), so something on the class path is not a"
        + " version Jahiz works with. Found Logback 1.1.11, OkHttp 5.")
        .contains(", Kotlin stdlib 2.", ", Jackson 2.", "; Jahiz needs Logback 1.2 to 1.6, with OkHttp 4.12+")
        .endsWith("The application runs on; no error reports are sent.");
  }

  @Test
  void otherFailuresAreToldOnceThenCountedAndTheStepKeepsRunning() {
    AtomicInteger runs = new AtomicInteger();
    Runnable step = () -> {
      runs.incrementAndGet();
      throw new IllegalStateException("a message whose toString throws");
    };

    for (int i = 0; i < 3; i++) {
      assertThat(guard.run("report an event", step)).isFalse();
    }

    assertThat(runs).hasValue(3);
    assertThat(guard.isDisabled()).isFalse();
    assertThat(guard.failures()).isEqualTo(3);
    assertThat(told).singleElement().asString()
        .contains("could not report an event (java.lang.IllegalStateException: a message whose toString throws)");
    assertThat(guard.run("report an event", () -> {})).isTrue();
  }

  @Test
  void aStackOverflowIsContainedButTheJvmsFatalErrorsAreNot() {
    assertThat(guard.run("report an event", () -> {
      throw new StackOverflowError();
    })).isFalse();

    assertThatThrownBy(() -> guard.run("report an event", () -> {
      throw new OutOfMemoryError("Java heap space");
    })).isInstanceOf(OutOfMemoryError.class);
    assertThatThrownBy(() -> guard.run("report an event", () -> {
      throw new InternalError("the JVM is broken");
    })).isInstanceOf(InternalError.class);
  }

  @Test
  void releasingStillRunsAfterAnIncompatibilityAndABrokenStatusChannelIsSurvived() {
    HostGuard deaf = HostGuard.builder("Jahiz", (level, message, cause) -> {
      throw new NoClassDefFoundError("ch/qos/logback/core/status/ErrorStatus");
    }).build();
    deaf.run("start", () -> {
      throw new NoClassDefFoundError("okhttp3/OkHttpClient");
    });
    AtomicInteger released = new AtomicInteger();

    assertThat(deaf.run("report an event", released::incrementAndGet)).isFalse();
    assertThat(deaf.runEvenIfDisabled("stop", released::incrementAndGet)).isTrue();
    assertThat(released).hasValue(1);
  }

  @Test
  void aRuntimeThatCannotBeDescribedIsStillNamed() {
    HostGuard g = HostGuard.builder("Jahiz", (level, message, cause) -> told.add(message))
        .runtime(() -> {
          throw new NoClassDefFoundError("ch/qos/logback/core/CoreConstants");
        }).build();

    g.run("start", () -> {
      throw new NoClassDefFoundError("org/slf4j/event/KeyValuePair");
    });

    assertThat(told).singleElement().asString().contains("Found OkHttp 5.")
        .contains("Jahiz needs the versions in its README's compatibility table, with OkHttp 4.12+");
    assertThat(HostGuard.versionOf("JUnit", Test.class)).startsWith("JUnit 6.");
  }

  @Test
  void anIncompatibilityIsToldEvenAfterAnotherFailureWas() {
    guard.run("report an event", () -> {
      throw new IllegalArgumentException("a message whose toString throws");
    });
    guard.run("report an event", () -> {
      throw new NoClassDefFoundError("okhttp3/Protocol");
    });
    guard.run("report an event", () -> {
      throw new NoClassDefFoundError("okhttp3/Protocol");
    });

    assertThat(told).hasSize(2);
    assertThat(told.get(1)).contains("is disabled", "NoClassDefFoundError: okhttp3/Protocol");
  }
}
