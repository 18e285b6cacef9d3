package dev.jahiz.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.example.checkout.Failures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jahiz.logback.JahizAppender;
import dev.jahiz.logback.JahizCounters;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * From {@code log.error} through Jahiz's Logback appender and its receiver transport into a running
 * receiver, counted by the receiver's own {@code GET /stats}:
 *
 * <ul>
 *   <li>{@code distinct}: N different failures logged at once, so each one is its own signed
 *       request; reports per second until the receiver has stored them all;
 *   <li>{@code storm}: N events of 3 failures from 2 threads, grouped by the client; log.error
 *       calls per second, and whether every occurrence is accounted for at the receiver after the
 *       appender stopped.
 * </ul>
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.jahiz.bench.EndToEnd \
 *     --url http://127.0.0.1:8000 --secret "$WEBHOOK_SECRET" --read-token "$JAHIZ_READ_TOKEN" \
 *     --mode distinct --events 2000</pre>
 */
public final class EndToEnd {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) throws Exception {
    String url = "http://127.0.0.1:8000";
    String secret = System.getenv("WEBHOOK_SECRET");
    String readToken = System.getenv("JAHIZ_READ_TOKEN");
    String mode = "distinct";
    int events = 2_000;
    int timeoutSeconds = 300;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--url": url = args[i + 1]; break;
        case "--secret": secret = args[i + 1]; break;
        case "--read-token": readToken = args[i + 1]; break;
        case "--mode": mode = args[i + 1]; break;
        case "--events": events = Integer.parseInt(args[i + 1]); break;
        case "--timeout": timeoutSeconds = Integer.parseInt(args[i + 1]); break;
        default: throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Stats stats = new Stats(url, readToken);
    JsonNode before = stats.read();

    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    JahizAppender jahiz = new JahizAppender();
    jahiz.setContext(context);
    jahiz.setName("jahiz");
    jahiz.setReceiverUrl(url);
    jahiz.setWebhookSecret(secret);
    jahiz.setAppName("checkout-api");
    jahiz.setEnvironment("end-to-end");
    jahiz.setCloseTimeout(timeoutSeconds + "s");
    if (mode.equals("distinct")) {
      // Room for the whole burst: this measures delivery, not the queue's bound.
      jahiz.setQueueCapacity(String.valueOf(events));
      jahiz.setQueueBytes(String.valueOf(Math.max(4L << 20, events * 64L * 1024)));
    }
    jahiz.start();
    Logger log = context.getLogger("com.example.checkout.OrderController");
    log.setAdditive(false);
    log.setLevel(Level.INFO);
    log.addAppender(jahiz);

    if (mode.equals("distinct")) {
      RuntimeException cause = Failures.realistic();
      long start = System.nanoTime();
      for (int i = 0; i < events; i++) {
        // Letters only: numbers would be masked by the fingerprint and make every failure the same.
        String name = word(i);
        log.error("Payment provider {} rejected the order", name, new IllegalStateException("provider " + name, cause));
      }
      long logged = System.nanoTime();
      long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
      long stored = 0;
      while (System.nanoTime() < deadline) {
        stored = stats.read().path("total_reports").asLong() - before.path("total_reports").asLong();
        if (stored >= events) {
          break;
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(Locale.ROOT, "distinct: %,d log.error calls in %.3f s; %,d stored by the receiver after %.2f s:"
              + " %,.0f reports/s end to end%n", events, (logged - start) / 1e9, stored, seconds, stored / seconds);
      jahiz.stop();
      System.out.println("appender counters: " + JahizCounters.of(jahiz));
    } else {
      RuntimeException[] failures = {Failures.distinct(0), Failures.distinct(1), Failures.distinct(2)};
      int perThread = events / 2;
      Thread[] threads = new Thread[2];
      long start = System.nanoTime();
      for (int t = 0; t < threads.length; t++) {
        threads[t] = new Thread(() -> {
          for (int i = 0; i < perThread; i++) {
            log.error("Order {} could not be placed", 42_000 + i, failures[i % failures.length]);
          }
        }, "app-" + t);
        threads[t].start();
      }
      for (Thread t : threads) {
        t.join();
      }
      double logSeconds = (System.nanoTime() - start) / 1e9;
      jahiz.stop(); // delivers what is queued, including the repeat counts, within the close timeout
      double seconds = (System.nanoTime() - start) / 1e9;
      JsonNode after = stats.read();
      long reports = after.path("total_reports").asLong() - before.path("total_reports").asLong();
      long occurrences = after.path("total_occurrences").asLong() - before.path("total_occurrences").asLong();
      System.out.printf(Locale.ROOT, "storm: %,d log.error calls from 2 threads in %.3f s (%,.0f calls/s);"
              + " appender stopped after %.2f s; receiver stored %,d reports standing for %,d occurrences%n",
          perThread * 2, logSeconds, perThread * 2 / logSeconds, seconds, reports, occurrences);
      System.out.println("appender counters: " + JahizCounters.of(jahiz));
    }
    context.stop();
  }

  /** i as a word over g..z, so that no part of it looks like a number or hex to the fingerprint. */
  private static String word(int i) {
    StringBuilder b = new StringBuilder();
    do {
      b.append((char) ('g' + i % 20));
      i /= 20;
    } while (i > 0);
    return b.toString();
  }

  private static final class Stats {
    private final HttpClient http = HttpClient.newHttpClient();
    private final HttpRequest request;

    /** @param readToken the receiver's JAHIZ_READ_TOKEN: /stats is not read with the webhook secret */
    Stats(String url, String readToken) {
      request = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/stats"))
          .header("Authorization", "Bearer " + readToken).build();
    }

    JsonNode read() throws Exception {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("GET /stats answered " + r.statusCode() + ": " + r.body());
      }
      return JSON.readTree(r.body());
    }
  }

  private EndToEnd() {}
}
