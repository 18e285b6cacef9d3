package dev.jahiz.receiver.ui;

import dev.jahiz.receiver.store.Database;
import dev.jahiz.receiver.testing.RunningReceiver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long the web inbox takes with 10,000 groups and 1,000,000 stored reports: a measurement, not a
 * test (it asserts nothing and runs only when asked). The figures and the command are in
 * docs/BENCHMARKS.md:
 *
 * <pre>
 * mvn -q -o -pl jahiz-receiver -am test -Dtest=InboxBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Djahiz.bench.inbox=true
 * </pre>
 *
 * Reports are written straight into a real SQLite file (the triggers keep the group summaries as at
 * ingest), then the real receiver serves the pages over HTTP to a signed-in client; each page is
 * fetched 5 times to warm up and 30 times measured. The time is the client's, on loopback: an upper
 * bound of the server's.
 */
@EnabledIfSystemProperty(named = "jahiz.bench.inbox", matches = "true")
class InboxBenchmark {
  private static final int GROUPS = 10_000;
  private static final int REPORTS = 1_000_000;
  private static final String[] APPS = {"checkout", "billing", "search", "orders", "inventory", "auth"};
  private static final String[] ENVIRONMENTS = {"production", "staging"};
  private static final String[] SEVERITIES = {"critical", "error", "warning", "info"};

  @Test
  void inboxPages(@TempDir Path dir) throws Exception {
    Instant now = Instant.now();
    long started = System.nanoTime();
    fill(dir.resolve("jahiz.db"), now);
    System.out.printf(Locale.ROOT, "filled %,d reports in %,d groups in %.1f s; database %,d MB%n", REPORTS, GROUPS,
        (System.nanoTime() - started) / 1e9, Files.size(dir.resolve("jahiz.db")) / 1_000_000);

    try (Database db = Database.open(dir.resolve("jahiz.db"), "NORMAL")) {
      Inbox inbox = new Inbox(db.dataSource());
      for (String query : List.of("", "sort=frequent", "state=resolved", "q=timeout", "page=100")) {
        measureRender(inbox, query);
      }
    }
    try (RunningReceiver receiver = RunningReceiver.in(dir).start()) {
      OkHttpClient http = new OkHttpClient.Builder().followRedirects(false).readTimeout(Duration.ofSeconds(60)).build();
      String cookie;
      try (Response r = http.newCall(new Request.Builder().url(receiver.url("/ui/login"))
          .post(new FormBody.Builder().add("token", RunningReceiver.READ_TOKEN).add("next", "/ui").build()).build())
          .execute()) {
        cookie = r.header("Set-Cookie").split(";")[0];
      }
      String someGroup = String.format(Locale.ROOT, "%032x", 0); // the biggest group
      for (String page : List.of("/ui", "/ui?sort=frequent", "/ui?state=resolved", "/ui?app=billing&severity=error",
          "/ui?q=timeout", "/ui?page=100", "/ui/groups/" + someGroup)) {
        measure(http, cookie, receiver.url(page), page);
      }
    }
  }

  /** Server time alone: the inbox's queries and its HTML, in process, no HTTP. */
  private static void measureRender(Inbox inbox, String query) {
    double[] ms = new double[30];
    int chars = 0;
    for (int i = -5; i < ms.length; i++) {
      long t = System.nanoTime();
      InboxQuery q = query(query);
      Instant now = Instant.now();
      chars = InboxPage.render(q, inbox.list(q, now), inbox.distinct("app_name"), inbox.distinct("environment"),
          "csrf", now).length();
      if (i >= 0) {
        ms[i] = (System.nanoTime() - t) / 1e6;
      }
    }
    print("render /ui?" + query, ms, chars);
  }

  private static InboxQuery query(String query) {
    String[] kv = query.isEmpty() ? new String[] {"", ""} : query.split("=");
    return new InboxQuery(null, null, null, kv[0].equals("state") ? kv[1] : null, kv[0].equals("q") ? kv[1] : null,
        kv[0].equals("sort") ? kv[1] : "recent", kv[0].equals("page") ? Integer.parseInt(kv[1]) : 1);
  }

  private static void print(String label, double[] ms, int size) {
    Arrays.sort(ms);
    System.out.printf(Locale.ROOT, "%-42s median %6.1f ms  p95 %6.1f ms  max %6.1f ms  (%,d bytes)%n", label,
        ms[ms.length / 2], ms[(int) Math.ceil(ms.length * 0.95) - 1], ms[ms.length - 1], size);
  }

  private static void measure(OkHttpClient http, String cookie, String url, String label) throws IOException {
    double[] ms = new double[30];
    int bytes = 0;
    for (int i = -5; i < ms.length; i++) {
      long t = System.nanoTime();
      try (Response r = http.newCall(new Request.Builder().url(url).header("Cookie", cookie).build()).execute()) {
        bytes = r.body().bytes().length;
        if (r.code() != 200) {
          throw new IllegalStateException(label + " answered " + r.code());
        }
      }
      if (i >= 0) {
        ms[i] = (System.nanoTime() - t) / 1e6;
      }
    }
    print("HTTP " + label, ms, bytes);
  }

  /** 1,000,000 reports over 30 days in 10,000 groups of very different sizes, a tenth of the groups resolved or muted. */
  private static void fill(Path file, Instant now) throws Exception {
    try (Database db = Database.open(file, "NORMAL"); Connection c = db.dataSource().getConnection()) {
      Random random = new Random(42);
      String json = "{\"error_message\":\"benchmark\",\"severity\":\"error\",\"stacktrace\":\"java.lang.IllegalStateException:"
          + " benchmark\\n\\tat com.acme.Bench.run(Bench.java:1)\"}";
      long month = Duration.ofDays(30).toMillis();
      try (Statement s = c.createStatement()) {
        s.execute("BEGIN");
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO reports (event_id, received_at, occurred_at,"
          + " first_seen, occurrences, fingerprint, severity, app_name, environment, error_type, error_message,"
          + " status, attempts, error_class) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, 'delivered', 1, ?)")) {
        for (int i = 0; i < REPORTS; i++) {
          // A few groups take most reports, as in life: group g gets a share falling off as 1 / (g + 1).
          int g = i < GROUPS ? i : (int) Math.floor(Math.pow(GROUPS, random.nextDouble())) - 1;
          long at = now.toEpochMilli() - (long) (random.nextDouble() * month);
          ps.setString(1, UUID.randomUUID().toString());
          ps.setLong(2, at);
          ps.setLong(3, at);
          ps.setLong(4, at);
          ps.setString(5, String.format(Locale.ROOT, "%032x", g));
          ps.setString(6, SEVERITIES[g % SEVERITIES.length]);
          ps.setString(7, APPS[g % APPS.length]);
          ps.setString(8, ENVIRONMENTS[g % ENVIRONMENTS.length]);
          ps.setString(9, "java.lang.IllegalStateException");
          ps.setString(10, (g % 7 == 0 ? "Read timeout calling service " : "Failure number ") + g);
          ps.setString(11, g % 7 == 0 ? "timeout_error" : "unknown_error");
          ps.addBatch();
          if (i % 10_000 == 9_999) {
            ps.executeBatch();
          }
        }
        ps.executeBatch();
      }
      try (Statement s = c.createStatement()) {
        s.execute("INSERT INTO report_bodies (report_id, report_json) SELECT id, '" + json + "' FROM reports");
      }
      // The receiver keeps these rows as it stores reports (SummaryUpdates); inserted directly, they are
      // summarized here, as the migration that introduced them did.
      try (Statement s = c.createStatement()) {
        s.execute("INSERT INTO group_summaries (fingerprint, reports, occurrences, first_seen, last_seen, last_received,"
            + " latest_event_id, severity, app_name, environment, error_type, error_class, error_message)"
            + " SELECT g.fingerprint, g.n, g.occ, g.first_seen, g.last_seen, g.last_received, r.event_id, r.severity,"
            + " r.app_name, r.environment, r.error_type, r.error_class, r.error_message"
            + " FROM (SELECT fingerprint, COUNT(*) AS n, SUM(occurrences) AS occ, MIN(first_seen) AS first_seen,"
            + " MAX(occurred_at) AS last_seen, MAX(received_at) AS last_received FROM reports GROUP BY fingerprint) g"
            + " JOIN reports r ON r.event_id = (SELECT l.event_id FROM reports l WHERE l.fingerprint = g.fingerprint"
            + " ORDER BY l.received_at DESC, l.occurred_at DESC, l.event_id DESC LIMIT 1)");
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO group_states (fingerprint, resolved_at, resolved_by,"
          + " muted_at, muted_until, muted_by, changed_at) VALUES (?, ?, 'bench', ?, ?, ?, ?)")) {
        for (int g = 0; g < GROUPS; g += 10) {
          boolean resolve = g % 20 == 0;
          ps.setString(1, String.format(Locale.ROOT, "%032x", g));
          ps.setObject(2, resolve ? now.toEpochMilli() : null);
          ps.setObject(3, resolve ? null : now.toEpochMilli());
          ps.setObject(4, resolve ? null : now.plus(Duration.ofHours(24)).toEpochMilli());
          ps.setObject(5, resolve ? null : "bench");
          ps.setLong(6, now.toEpochMilli());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      try (Statement s = c.createStatement()) {
        s.execute("COMMIT");
        s.execute("ANALYZE");
      }
    }
  }
}
