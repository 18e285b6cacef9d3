package com.example.orders;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Log4j2 sample with every logger async (Log4j's AsyncLoggerContextSelector, here set through
 * its LOG4J_CONTEXT_SELECTOR variable, with the LMAX Disruptor added to the class path). Jahiz's
 * appender then runs on Log4j's thread, where the request being handled is not known: a report
 * carries what the app put in its MDC (which Log4j copies when the event is logged) but not the
 * starter's request details, and a failure the app logged in its exception handler is reported
 * once, not a second time as "not logged".
 */
class AsyncLoggersIT {
  @RegisterExtension final SampleJar sample = new SampleJar();
  private final HttpClient http = HttpClient.newHttpClient();

  private int get(String url, String user) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
    if (user != null) {
      request.header("X-User", user);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  @Test
  void withAllLoggersAsyncAReportCarriesTheAppsMdcButNotTheRequestAndAFailureIsReportedOnce() throws Exception {
    List<Path> classPath = new ArrayList<>(List.of(Path.of(System.getProperty("sample.classes"))));
    for (String entry : Files.readString(Path.of(System.getProperty("sample.class.path"))).trim()
        .split(File.pathSeparator)) {
      classPath.add(Path.of(entry));
    }
    try (Stream<Path> disruptor = Files.list(Path.of(System.getProperty("disruptor.dir")))) {
      disruptor.forEach(classPath::add);
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    // By name: failsafe runs with the repackaged jar, whose classes this JVM cannot load.
    sample.startMain(classPath, "com.example.orders.OrdersApplication", Map.of("PORT", Integer.toString(port),
        "LOG4J_CONTEXT_SELECTOR", "org.apache.logging.log4j.core.async.AsyncLoggerContextSelector"));
    String base = "http://127.0.0.1:" + port;
    await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> get(base + "/", null) == 200);

    assertThat(get(base + "/orders/42", "alice")).isEqualTo(500);
    await().atMost(Duration.ofSeconds(10)).until(() -> sample.api().texts().size() == 1);
    sample.stopAll();

    assertThat(sample.output()).contains("Jahiz runs behind Log4j2's async loggers");
    List<String> visible = sample.visibleMessages();
    assertThat(visible).singleElement().satisfies(m -> assertThat(m)
        .contains("Unhandled error: no price list for order 42", "User: id alice", "Thread: http-nio-")
        .doesNotContain("Request: GET", "http.route", "not logged"));
  }
}
