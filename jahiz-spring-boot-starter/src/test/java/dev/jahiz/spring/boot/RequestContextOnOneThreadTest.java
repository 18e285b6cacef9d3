package dev.jahiz.spring.boot;

import static dev.jahiz.spring.boot.ClinicRun.basicAuth;
import static dev.jahiz.spring.boot.ClinicRun.headers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jahiz.testing.BotApiHtml;
import dev.jahiz.testing.FakeBotApi;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The clinic app with one Tomcat thread, so every request runs on the same thread: the starter reads
 * a request only when an error is reported, and what it reads is always the request that thread
 * handles now, never one it handled before. Also with {@code report-unlogged-failures=false}.
 */
class RequestContextOnOneThreadTest {
  private static final FakeBotApi API = new FakeBotApi();
  private static ClinicRun clinic;

  @BeforeAll
  static void start() {
    Map<String, Object> properties = new java.util.HashMap<>(ClinicRun.jahizProperties(API));
    properties.put("server.tomcat.threads.max", "1");
    properties.put("server.tomcat.threads.min-spare", "1");
    properties.put("jahiz.request.report-unlogged-failures", "false");
    // Each failure its own message, whichever test logs the same one first.
    properties.put("jahiz.grouping-window", "0s");
    clinic = ClinicRun.start(properties);
  }

  @AfterAll
  static void stop() {
    clinic.close();
    API.close();
  }

  private static List<String> messages(int count) {
    await().atMost(Duration.ofSeconds(15)).until(() -> API.texts().size() >= count);
    return API.texts().stream().map(BotApiHtml::visible).toList();
  }

  private static String thread(String message) {
    Matcher m = Pattern.compile("Thread: (\\S+)").matcher(message);
    assertThat(m.find()).as(message).isTrue();
    return m.group(1);
  }

  @Test
  void aRequestsDetailsNeverReachALaterReportOnTheSameThread() throws Exception {
    int before = API.texts().size();
    assertThat(clinic.get("/owners/7?access_token=tok-SECRET", headers(basicAuth("alice", "s3cret-password"),
        new String[] {"User-Agent", "vet-desk/1.0", "X-Request-Id", "req-77"})).statusCode()).isEqualTo(200);
    assertThat(clinic.get("/visits/11").statusCode()).isEqualTo(200);
    // Not in a request at all: the test's own thread.
    LoggerFactory.getLogger("com.example.clinic.Nightly").error("Nightly visit import failed",
        new IllegalStateException("import share offline"));

    List<String> all = messages(before + 3);
    String first = all.stream().filter(m -> m.contains("visits of owner 7")).findFirst().orElseThrow();
    String second = all.stream().filter(m -> m.contains("Visit 11 has no vet")).findFirst().orElseThrow();
    String outside = all.stream().filter(m -> m.contains("Nightly visit import failed")).findFirst().orElseThrow();
    assertThat(first).contains("alice", "http.header.x-request-id: req-77", "http.route: /owners/{ownerId}");
    assertThat(thread(second)).isEqualTo(thread(first));
    assertThat(second).contains("Request: GET " + clinic.base + "/visits/11", "http.route: /visits/{visitId}")
        .doesNotContain("alice", "req-77", "vet-desk", "/owners/", "usr_42");
    assertThat(outside).doesNotContain("Request:", "http.route", "http.header", "alice", "127.0.0.1");
  }

  @Test
  void withReportUnloggedFailuresOffAFiveHundredNobodyLoggedSendsNothing() throws Exception {
    assertThat(clinic.get("/owners/8/pets", basicAuth("alice", "s3cret-password")).statusCode()).isEqualTo(500);
    // A failure logged afterwards arrives alone: nothing was queued for the 500 before it.
    int before = API.texts().size();
    assertThat(clinic.get("/visits/12").statusCode()).isEqualTo(200);

    List<String> after = messages(before + 1);
    assertThat(after.subList(before, after.size())).singleElement()
        .satisfies(m -> assertThat(m).contains("Visit 12 has no vet"));
    assertThat(after).noneMatch(m -> m.contains("pet registry timed out"));
  }
}
