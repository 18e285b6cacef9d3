package com.example.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jahiz.testing.SampleJar;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    sample.start(Map.of("PORT", Integer.toString(port)));
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
}
