package dev.jahiz.bench;

import com.example.checkout.Failures;
import dev.jahiz.report.ErrorReport;
import dev.jahiz.report.ReportJson;
import dev.jahiz.webhook.WebhookSignature;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A load generator for a running receiver: signed {@code POST /webhook/error} requests from C
 * concurrent clients (each waits for its answer before sending the next, as Jahiz's sender does),
 * bounded by a request count and a time limit. Every request is a new report (its own
 * {@code event_id}) of one of three failures with a realistic ~4 KB trace, signed with the
 * timestamped HMAC. The first requests warm the receiver up and are not counted.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.jahiz.bench.ReceiverLoad \
 *     --url http://127.0.0.1:8000 --secret "$WEBHOOK_SECRET" --requests 20000 --concurrency 8</pre>
 */
public final class ReceiverLoad {
  public static void main(String[] args) throws Exception {
    String url = "http://127.0.0.1:8000";
    String secret = System.getenv("WEBHOOK_SECRET");
    int requests = 20_000;
    int warmup = 2_000;
    int concurrency = 8;
    int seconds = 120;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--url": url = args[i + 1]; break;
        case "--secret": secret = args[i + 1]; break;
        case "--requests": requests = Integer.parseInt(args[i + 1]); break;
        case "--warmup": warmup = Integer.parseInt(args[i + 1]); break;
        case "--concurrency": concurrency = Integer.parseInt(args[i + 1]); break;
        case "--seconds": seconds = Integer.parseInt(args[i + 1]); break;
        default: throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException("--secret (or WEBHOOK_SECRET) is required");
    }
    WebhookSignature signature = WebhookSignature.withSecret(secret);
    URI endpoint = URI.create(url.replaceAll("/+$", "") + "/webhook/error");
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    String[] traces = new String[3];
    for (int k = 0; k < traces.length; k++) {
      StringWriter w = new StringWriter();
      Failures.distinct(k).printStackTrace(new PrintWriter(w));
      traces[k] = w.toString();
    }

    System.out.printf(Locale.ROOT, "warm-up: %,d requests%n", warmup);
    run(http, endpoint, signature, traces, warmup, concurrency, Duration.ofSeconds(seconds), null);
    long[] latencies = new long[requests];
    System.out.printf(Locale.ROOT, "measured: %,d requests, %d concurrent clients, at most %d s%n", requests,
        concurrency, seconds);
    Result r = run(http, endpoint, signature, traces, requests, concurrency, Duration.ofSeconds(seconds), latencies);
    long[] done = Arrays.copyOf(latencies, r.completed);
    Arrays.sort(done);
    System.out.printf(Locale.ROOT,
        "completed %,d (%,d not 2xx, %,d failed) in %.2f s: %,.0f requests/s; latency p50 %.2f ms, p90 %.2f ms,"
            + " p99 %.2f ms, max %.2f ms%n",
        r.completed, r.non2xx, r.failed, r.seconds, r.completed / r.seconds, ms(pct(done, 0.50)),
        ms(pct(done, 0.90)), ms(pct(done, 0.99)), ms(done.length == 0 ? 0 : done[done.length - 1]));
  }

  private static final class Result {
    int completed;
    int non2xx;
    int failed;
    double seconds;
  }

  private static Result run(HttpClient http, URI endpoint, WebhookSignature signature, String[] traces, int count,
      int concurrency, Duration limit, long[] latencies) throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger recorded = new AtomicInteger();
    AtomicInteger non2xx = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicLong firstProblem = new AtomicLong();
    long start = System.nanoTime();
    long deadline = start + limit.toNanos();
    Thread[] clients = new Thread[concurrency];
    for (int c = 0; c < concurrency; c++) {
      clients[c] = new Thread(() -> {
        int i;
        while ((i = next.getAndIncrement()) < count && System.nanoTime() < deadline) {
          byte[] body = body(i, traces[i % traces.length]);
          WebhookSignature.Signed signed = signature.sign(body, Instant.now());
          HttpRequest request = HttpRequest.newBuilder(endpoint)
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .header(WebhookSignature.TIMESTAMP_HEADER, signed.timestamp())
              .header(WebhookSignature.SIGNATURE_HEADER, signed.signature())
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
          long sent = System.nanoTime();
          try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - sent;
            if (response.statusCode() / 100 != 2) {
              non2xx.incrementAndGet();
              if (firstProblem.compareAndSet(0, 1)) {
                System.out.println("first non-2xx answer: " + response.statusCode() + " " + response.body());
              }
            }
            if (latencies != null) {
              latencies[recorded.getAndIncrement()] = took;
            }
          } catch (Exception e) {
            failed.incrementAndGet();
            if (firstProblem.compareAndSet(0, 1)) {
              System.out.println("first failure: " + e);
            }
          }
        }
      }, "load-" + c);
      clients[c].start();
    }
    for (Thread t : clients) {
      t.join();
    }
    Result r = new Result();
    r.seconds = (System.nanoTime() - start) / 1e9;
    r.completed = latencies == null ? Math.min(count, next.get()) : recorded.get();
    r.non2xx = non2xx.get();
    r.failed = failed.get();
    return r;
  }

  private static byte[] body(int i, String trace) {
    ErrorReport report = ErrorReport.builder()
        .eventId(UUID.randomUUID().toString())
        .errorMessage("Order " + (42_000 + i) + " could not be placed: payment step failed")
        .errorType("java.lang.IllegalStateException")
        .stacktrace(trace)
        .appName("checkout-api")
        .appVersion("3.2.1")
        .environment("load-test")
        .serviceName("checkout")
        .component("OrderController")
        .logger("com.example.checkout.OrderController")
        .thread("http-nio-8080-exec-" + (i % 16))
        .tags(Map.of("team", "backend"))
        .timestamp(Instant.now())
        .build();
    return ReportJson.toJson(report);
  }

  private static long pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private ReceiverLoad() {}
}
