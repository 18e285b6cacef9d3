package com.example.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jahiz.testing.SampleJar;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Spring Boot 2.7 jar (Logback 1.2.13, SLF4J 1.7.36, as Boot 2.7 manages them) run as a user
 * would, with the README's snippet, against a fake Bot API.
 */
class InvoicesApplicationIT {
  @RegisterExtension final SampleJar sample = new SampleJar();
  private final HttpClient http = HttpClient.newHttpClient();

  private String boot() throws Exception {
    int port = freePort();
    sample.start(Map.of("PORT", Integer.toString(port)));
    return servingAt(port);
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private String servingAt(int port) {
    String base = "http://127.0.0.1:" + port;
    await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> get(base + "/") == 200);
    return base;
  }

  private int get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void aFailingRequestArrivesInTelegramWithItsMarkerAndMdc() throws Exception {
    String base = boot();

    assertThat(get(base + "/invoices/7")).isEqualTo(500);

    await().atMost(Duration.ofSeconds(10)).until(() -> sample.api().texts().size() == 1);
    List<String> visible = sample.visibleMessages();
    assertThat(visible.get(0)).contains("Invoice failed: no tax rate for invoice 7",
        "java.lang.IllegalStateException", "usr_7", "invoices", "sample", "#team_billing", "#BILLING",
        "InvoiceController.java", "TaxCalculator.tax");
    assertThat(sample.output()).doesNotContain("Jahiz appender is disabled");
    sample.stopAll();
    assertThat(sample.api().texts()).hasSize(1);
  }

  @Test
  void withNoJahizEnvironmentAtAllTheAppStartsAndServes() throws Exception {
    sample.unsetting(SampleJar.JAHIZ_ENVIRONMENT);
    String base = boot();

    assertThat(get(base + "/invoices/7")).isEqualTo(500);
    // Boot 2.7 prints Logback's status only when it holds an ERROR; the WARN saying Jahiz is off
    // shows with <configuration debug="true">.
    assertThat(sample.output()).contains("Started InvoicesApplication").doesNotContain("Application run failed");
    assertThat(sample.api().calls()).isZero();
  }

  /**
   * The app as Boot 2.7 alone builds it, without the kotlin.version line: Kotlin's stdlib 1.6.21,
   * on which OkHttp 5 cannot load. Jahiz turns itself off with one status line; the app starts,
   * serves, and its logging calls return.
   */
  @Test
  void onTheKotlinStdlibBoot27ManagesJahizTurnsItselfOffAndTheAppServes() throws Exception {
    List<Path> classPath = new ArrayList<>(List.of(Path.of(System.getProperty("sample.classes"))));
    for (String entry : Files.readString(Path.of(System.getProperty("sample.class.path"))).trim()
        .split(File.pathSeparator)) {
      if (!entry.contains("kotlin-stdlib")) {
        classPath.add(Path.of(entry));
      }
    }
    try (Stream<Path> kotlin16 = Files.list(Path.of(System.getProperty("boot.managed.kotlin")))) {
      kotlin16.forEach(classPath::add);
    }
    int port = freePort();
    sample.startMain(classPath, InvoicesApplication.class.getName(), Map.of("PORT", Integer.toString(port),
        "LOGGING_CONFIG", Path.of(getClass().getResource("/logback-status-shown.xml").toURI()).toString()));
    String base = servingAt(port);

    assertThat(get(base + "/invoices/7")).isEqualTo(500);

    String output = sample.output();
    assertThat(output).contains("Jahiz appender is disabled: it could not start (java.lang.NoClassDefFoundError: kotlin/",
        "Kotlin stdlib 1.6.21", "OkHttp 4.12+ (OkHttp 5 needs Kotlin's stdlib 2.1+; on Spring Boot 2.x set kotlin.version)")
        .contains("Invoice failed: no tax rate for invoice 7").doesNotContain("Application run failed");
    assertThat(output.split("Jahiz appender is disabled", -1)).hasSize(2);
    assertThat(sample.api().calls()).isZero();
  }

  /**
   * The app with the Spring Boot starter (for Boot 3.5+) added by mistake: Boot 2.7 reads its
   * spring.factories and auto-configuration imports. The app starts and serves, one WARN says what to
   * use instead, and the appender of logback-spring.xml still reports. Of the starter's classes only its
   * Java 8 listener is loaded (the JVM's class-loading log shows it), so on Java 8 or 11, where the
   * starter's Java 17 classes cannot load, the start is the same.
   */
  @Test
  void withTheSpringBootStarterByMistakeTheAppStartsWithOneWarningAndStillReports() throws Exception {
    List<Path> classPath = new ArrayList<>(List.of(Path.of(System.getProperty("sample.classes"))));
    for (String list : List.of("sample.class.path", "starter.class.path")) {
      for (String entry : Files.readString(Path.of(System.getProperty(list))).trim().split(File.pathSeparator)) {
        classPath.add(Path.of(entry));
      }
    }
    Path classesLoaded = Files.createTempFile("classes-loaded", ".log");
    int port = freePort();
    sample.startMain(classPath, InvoicesApplication.class.getName(), Map.of("PORT", Integer.toString(port),
        "JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + classesLoaded));
    String base = servingAt(port);

    assertThat(get(base + "/invoices/7")).isEqualTo(500);

    await().atMost(Duration.ofSeconds(10)).until(() -> sample.api().texts().size() == 1);
    assertThat(sample.visibleMessages().get(0)).contains("Invoice failed: no tax rate for invoice 7", "invoices");
    String output = sample.output();
    assertThat(output).contains("WARN", "Jahiz's Spring Boot starter needs Spring Boot 3.5 or later and Java 17;"
        + " this app has Spring Boot 2.7.18 on Java", "On Spring Boot 2.x use jahiz-logback-appender in"
        + " logback-spring.xml instead of the starter").doesNotContain("Application run failed");
    assertThat(output.split("needs Spring Boot 3.5 or later", -1)).hasSize(2);
    try (Stream<String> lines = Files.lines(classesLoaded)) {
      assertThat(lines.filter(line -> line.contains("[class,load] dev.jahiz.spring.boot."))
          .map(line -> line.substring(line.indexOf("[class,load] ") + 13).split(" ")[0])
          .collect(Collectors.toList())).containsExactly("dev.jahiz.spring.boot.StarterListener");
    }
  }
}
