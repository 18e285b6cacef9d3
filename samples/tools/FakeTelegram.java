import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the Telegram Bot API on your machine, JDK only:
 *
 * <pre>java samples/tools/FakeTelegram.java [port]</pre>
 *
 * then point an app at it with {@code JAHIZ_TELEGRAM_API_URL=http://localhost:8081}. It accepts
 * any token, prints each message it receives, and counts them.
 */
public class FakeTelegram {
  public static void main(String[] args) throws IOException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8081;
    AtomicInteger messages = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String answer;
      if (path.endsWith("/getMe")) {
        answer = "{\"ok\":true,\"result\":{\"id\":1,\"is_bot\":true,\"username\":\"fake_jahiz_bot\"}}";
      } else {
        int n = messages.incrementAndGet();
        System.out.println("── message " + n + " (" + path.substring(path.lastIndexOf('/') + 1) + ", "
            + body.length() + " bytes) ──");
        System.out.println(body.length() > 600 ? body.substring(0, 600) + "…" : body);
        answer = "{\"ok\":true,\"result\":{\"message_id\":" + n + "}}";
      }
      byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
    System.out.println("Fake Telegram Bot API on http://127.0.0.1:" + port + " (Ctrl-C to stop)");
  }
}
