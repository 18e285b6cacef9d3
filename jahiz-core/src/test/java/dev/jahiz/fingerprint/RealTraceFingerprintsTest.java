package dev.jahiz.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jahiz.report.ErrorReport;
import dev.jahiz.testing.TraceFixture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scenario captured from a real Spring Boot 4 app (JDK 17 and 25; calls before and after
 * reflection inflation; see {@code traces/README.md}) keeps one fingerprint, whatever the app
 * packages are known to be, through the appender's path and the receiver's.
 */
class RealTraceFingerprintsTest {
  /** Each scenario and its captures: the same failure, on two JDKs, at two points of the app's life. */
  static final Map<String, List<String>> SCENARIOS = new LinkedHashMap<>();

  static {
    for (String s : List.of("tomcat-crash-call1", "cglib-proxy-1", "jdk-proxy-1", "lazy-collection-1",
        "hibernate-proxy-1", "async-1", "completable-future-1", "scheduled-1", "webflux-1")) {
      String scenario = s.substring(0, s.lastIndexOf('-'));
      List<String> captures = new ArrayList<>();
      for (String jdk : List.of("jdk17-", "jdk25-")) {
        captures.add(jdk + s);
        if (scenario.equals("tomcat-crash")) {
          captures.add(jdk + "tomcat-crash-call20");
        } else if (!scenario.equals("scheduled")) {
          captures.add(jdk + scenario + "-2");
        }
      }
      SCENARIOS.put(scenario, captures);
    }
  }

  static List<String> scenarios() {
    return new ArrayList<>(SCENARIOS.keySet());
  }

  /** The rules an app may run with: nothing known, its main class detected, or packages configured that miss this code. */
  static Map<String, StackFrames> rules(TraceFixture f) {
    Map<String, StackFrames> rules = new LinkedHashMap<>();
    rules.put("defaults", StackFrames.byDefault());
    rules.put("detected", StackFrames.withDetectedPackages(ApplicationPackages.fromMainClass(f.startClass())));
    rules.put("configured elsewhere", StackFrames.forApplicationPackages(List.of("com.example")));
    return rules;
  }

  /** The report as the appender hands it over: the logged text, no type or trace yet. */
  static ErrorReport logged(TraceFixture f) {
    return ErrorReport.builder().errorMessage(f.message()).logger(f.logger()).thread(f.thread()).build();
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void oneFailureKeepsOneFingerprintAcrossCallsJdksAndRules(String scenario) {
    for (String rule : List.of("defaults", "detected", "configured elsewhere")) {
      Set<String> fromThrowable = new LinkedHashSet<>();
      Set<String> fromText = new LinkedHashSet<>();
      for (String name : SCENARIOS.get(scenario)) {
        TraceFixture f = TraceFixture.load(name);
        Fingerprints fingerprints = Fingerprints.create(rules(f).get(rule));
        Throwable t = f.throwable();
        fromThrowable.add(fingerprints.of(logged(f), t));
        fromText.add(fingerprints.of(logged(f).toBuilder().errorType(typeOf(t)).errorMessage(t.getMessage())
            .stacktrace(f.trace()).build()));
      }
      assertThat(fromThrowable).as(scenario + " as a throwable, rules: " + rule).hasSize(1);
      assertThat(fromText).as(scenario + " as text, rules: " + rule).hasSize(1);
    }
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void reflectionProxiesLambdasAndTheJdkNeverTakePart(String scenario) {
    for (String name : SCENARIOS.get(scenario)) {
      TraceFixture f = TraceFixture.load(name);
      for (Map.Entry<String, StackFrames> rule : rules(f).entrySet()) {
        List<String> fromThrowable = rule.getValue().topFrames(f.throwable(), Fingerprints.FRAMES);
        List<String> fromText = rule.getValue().topFramesOfText(f.trace(), Fingerprints.FRAMES);

        assertThat(fromText).as(name + ", " + rule.getKey()).isEqualTo(fromThrowable);
        for (String frame : fromThrowable) {
          assertThat(frame).as(name + ", " + rule.getKey())
              .doesNotStartWith("java.").doesNotStartWith("jdk.").doesNotStartWith("sun.")
              .doesNotContain("Accessor", "$Proxy", "CGLIB", "HibernateProxy", "$$Lambda", "LambdaForm",
                  "ThreadPoolExecutor", "ForkJoin");
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void theAppsOwnFramesDecideWhenItsPackageIsKnown(String scenario) {
    TraceFixture f = TraceFixture.load(SCENARIOS.get(scenario).get(0));
    StackFrames detected = StackFrames.withDetectedPackages(ApplicationPackages.fromMainClass(f.startClass()));

    // A CompletionException has only JDK frames of its own: its cause's application frames decide.
    assertThat(detected.topFrames(f.throwable(), Fingerprints.FRAMES))
        .isNotEmpty().allMatch(frame -> frame.startsWith("org.springframework.samples.petclinic."));
  }

  @org.junit.jupiter.api.Test
  void differentFailuresKeepDifferentFingerprints() {
    for (String rule : List.of("defaults", "detected", "configured elsewhere")) {
      Set<String> fingerprints = new LinkedHashSet<>();
      for (List<String> captures : SCENARIOS.values()) {
        TraceFixture f = TraceFixture.load(captures.get(0));
        fingerprints.add(Fingerprints.create(rules(f).get(rule)).of(logged(f), f.throwable()));
      }
      assertThat(fingerprints).as(rule).hasSize(SCENARIOS.size());
    }
  }

  @org.junit.jupiter.api.Test
  void theMainClassOrTheSpringBootStartClassNamesTheAppsPackage() {
    TraceFixture f = TraceFixture.load("jdk17-tomcat-crash-call1");
    assertThat(f.startClass()).isEqualTo("org.springframework.samples.petclinic.PetClinicApplication");
    assertThat(ApplicationPackages.fromMainClass(f.startClass())).containsExactly("org.springframework.samples.petclinic");
    assertThat(ApplicationPackages.fromCommand("org.springframework.samples.petclinic.PetClinicApplication --debug"))
        .containsExactly("org.springframework.samples.petclinic");
    assertThat(ApplicationPackages.fromCommand("shop/com.acme.shop.Main")).containsExactly("com.acme.shop");
    assertThat(ApplicationPackages.fromCommand("org.springframework.boot.loader.launch.JarLauncher")).isEmpty();
    assertThat(ApplicationPackages.fromCommand("org.apache.maven.surefire.booter.ForkedBooter /tmp 1")).isEmpty();
    assertThat(ApplicationPackages.fromCommand("/no/such/app.jar")).isEmpty();
    assertThat(ApplicationPackages.fromCommand(null)).isEmpty();
  }

  private static String typeOf(Throwable t) {
    return t instanceof TraceFixture.Replayed ? ((TraceFixture.Replayed) t).type() : t.getClass().getName();
  }
}
