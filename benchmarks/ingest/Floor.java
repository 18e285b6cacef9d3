import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The least a durable, signed, replay-safe ingestion can do on the receiver's stack, for compare.sh
 * (FLOOR=1): the same Javalin and SQLite (WAL, synchronous=FULL) as the receiver, the body's HMAC
 * checked, a key made from its SHA-256 (so a replay is stored once), one row per request in a table
 * with that key alone, committed by one writer thread in batches (group commit), answered once
 * durable. No JSON parsing or validation, no fingerprint, no index for queries, no delivery: what it
 * measures is what any such service pays on this machine before doing what the receiver is for.
 *
 * <p>Run from source with the receiver's jar for its libraries:
 * {@code WEBHOOK_SECRET=... java -cp jahiz-receiver/target/jahiz-receiver.jar benchmarks/ingest/Floor.java <port> <db file>};
 * {@code GET /count} answers how many reports it holds.
 */
public class Floor {
  record Job(String key, String body, CompletableFuture<Void> stored) {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    byte[] secret = System.getenv("WEBHOOK_SECRET").getBytes(StandardCharsets.UTF_8);
    Connection db = DriverManager.getConnection("jdbc:sqlite:" + args[1]);
    try (Statement s = db.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA synchronous=FULL");
      s.execute("CREATE TABLE IF NOT EXISTS reports (report_key TEXT PRIMARY KEY, report_json TEXT NOT NULL)");
    }
    db.setAutoCommit(false);
    LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    ExecutorService answers = Executors.newSingleThreadExecutor();
    Thread writer = new Thread(() -> {
      try (PreparedStatement insert = db.prepareStatement(
          "INSERT INTO reports VALUES (?, ?) ON CONFLICT (report_key) DO NOTHING")) {
        List<Job> batch = new ArrayList<>();
        while (true) {
          batch.add(queue.take());
          queue.drainTo(batch, 999);
          for (Job job : batch) {
            insert.setString(1, job.key());
            insert.setString(2, job.body());
            insert.executeUpdate();
          }
          db.commit();
          List<Job> done = List.copyOf(batch);
          answers.execute(() -> done.forEach(job -> job.stored().complete(null)));
          batch.clear();
        }
      } catch (Exception e) {
        e.printStackTrace();
        System.exit(1);
      }
    }, "writer");
    writer.setDaemon(true);
    writer.start();

    Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.routes.post("/webhook/error", ctx -> {
        byte[] body = ctx.bodyAsBytes();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        byte[] expected = ("sha256=" + HexFormat.of().formatHex(mac.doFinal(body))).getBytes(StandardCharsets.US_ASCII);
        String presented = ctx.header("X-Signature");
        if (presented == null || !MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.US_ASCII))) {
          ctx.status(401).result("{\"success\":false}");
          return;
        }
        String key = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        Job job = new Job(key, new String(body, StandardCharsets.UTF_8), new CompletableFuture<>());
        queue.add(job);
        ctx.future(() -> job.stored().thenRun(() -> ctx.contentType("application/json").result("{\"success\":true}")));
      });
      config.routes.get("/count", ctx -> {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + args[1]);
            Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM reports")) {
          rs.next();
          ctx.result(String.valueOf(rs.getLong(1)));
        }
      });
    }).start("127.0.0.1", port);
  }
}
