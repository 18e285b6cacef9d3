package dev.jahiz.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** Local stand-ins for everything the appenders talk to; loopback only, JDK only. */
public final class Fakes {
  private Fakes() {}

  /** What an endpoint does with each request. */
  public enum Mode {
    /** Answers at once: Telegram {"ok":true}, Sentry 200, receiver 202. */
    UP,
    /** Reads the request and never answers, until the mode changes. */
    HANG,
    /** Telegram's flood answer: 429 with retry_after 5 (Sentry and receiver get a plain 429). */
    TOO_MANY_REQUESTS
  }

  /**
   * One HTTP server for the three APIs, told apart by path: the Bot API ({@code /bot<token>/...}),
   * Sentry's envelope endpoint ({@code /api/<project>/envelope/}) and the Jahiz receiver
   * ({@code /webhook/error}). Counts requests and successful deliveries.
   */
  public static final class Endpoint implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "fake-endpoint");
      t.setDaemon(true);
      return t;
    });
    private volatile Mode mode;
    private volatile CountDownLatch released = new CountDownLatch(1);
    public final AtomicInteger requests = new AtomicInteger();
    /** Requests answered with success: Telegram messages posted, Sentry events, receiver reports. */
    public final AtomicInteger delivered = new AtomicInteger();
    public final AtomicInteger tooManyRequests = new AtomicInteger();

    public Endpoint(Mode mode) throws IOException {
      this(mode, 0);
    }

    /** On a given loopback port (0: any free one), for a JVM told the URL before it started. */
    public Endpoint(Mode mode, int port) throws IOException {
      this.mode = mode;
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      server.setExecutor(executor);
      server.createContext("/", exchange -> {
        try (InputStream in = exchange.getRequestBody()) {
          in.readAllBytes();
        }
        requests.incrementAndGet();
        String path = exchange.getRequestURI().getPath();
        Mode now = this.mode;
        while (now == Mode.HANG) {
          try {
            released.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
          now = this.mode;
        }
        int status;
        String body;
        if (now == Mode.TOO_MANY_REQUESTS) {
          tooManyRequests.incrementAndGet();
          status = 429;
          body = "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 5\","
              + "\"parameters\":{\"retry_after\":5}}";
          exchange.getResponseHeaders().set("Retry-After", "5");
        } else if (path.startsWith("/bot")) {
          status = 200;
          body = "{\"ok\":true,\"result\":{\"message_id\":" + delivered.incrementAndGet() + ",\"date\":0,"
              + "\"chat\":{\"id\":-100123,\"type\":\"supergroup\"}}}";
        } else if (path.startsWith("/webhook")) {
          delivered.incrementAndGet();
          status = 202;
          body = "{\"status\":\"accepted\"}";
        } else {
          delivered.incrementAndGet();
          status = 200;
          body = "{\"id\":\"00000000000000000000000000000000\"}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      });
      server.start();
    }

    public int port() {
      return server.getAddress().getPort();
    }

    public String url() {
      return "http://127.0.0.1:" + port();
    }

    public void mode(Mode next) {
      CountDownLatch old = released;
      if (next == Mode.HANG) {
        released = new CountDownLatch(1);
      }
      this.mode = next;
      old.countDown();
    }

    @Override
    public void close() {
      mode(Mode.UP);
      server.stop(0);
      executor.shutdownNow();
    }
  }

  /** Accepts connections and never reads or answers: a peer that hangs below HTTP. */
  public static final class Hanging implements AutoCloseable {
    private final ServerSocket socket;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    public Hanging() throws IOException {
      socket = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
      Thread t = new Thread(() -> {
        while (!socket.isClosed()) {
          try {
            held.add(socket.accept());
          } catch (IOException closed) {
            return;
          }
        }
      }, "fake-hanging");
      t.setDaemon(true);
      t.start();
    }

    public int port() {
      return socket.getLocalPort();
    }

    public String url() {
      return "http://127.0.0.1:" + port();
    }

    public int connections() {
      return held.size();
    }

    @Override
    public void close() throws IOException {
      socket.close();
      for (Socket s : held) {
        s.close();
      }
    }
  }

  /** A loopback port nothing listens on: connections are refused at once. */
  public static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /**
   * An HTTP proxy that answers {@code CONNECT api.telegram.org:443} itself and terminates TLS with a
   * self-signed certificate for api.telegram.org, then answers the Bot API request with
   * {"ok":true}. The only way to point telegram-logback at a fake: its URL is a compile-time
   * constant, {@code https://api.telegram.org/bot%s/sendMessage}, but it honours a proxy. The JVM
   * must trust {@link #trustStore()} (javax.net.ssl.trustStore) before its first TLS connection.
   */
  public static final class TlsTerminatingProxy implements AutoCloseable {
    private static final String PASSWORD = "changeit";
    private final ServerSocket socket;
    private final SSLContext tls;
    private final Path trustStore;
    public final AtomicInteger delivered = new AtomicInteger();

    public TlsTerminatingProxy() throws Exception {
      Path dir = Files.createTempDirectory("fake-telegram-tls");
      Path keyStore = dir.resolve("server.p12");
      trustStore = dir.resolve("trust.p12");
      String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
      run(keytool, "-genkeypair", "-alias", "fake", "-keyalg", "EC", "-groupname", "secp256r1",
          "-dname", "CN=api.telegram.org", "-ext", "SAN=dns:api.telegram.org", "-validity", "2",
          "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
      Path cert = dir.resolve("fake.cer");
      run(keytool, "-exportcert", "-alias", "fake", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
          "-file", cert.toString());
      run(keytool, "-importcert", "-noprompt", "-alias", "fake", "-file", cert.toString(),
          "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keyStore)) {
        ks.load(in, PASSWORD.toCharArray());
      }
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, PASSWORD.toCharArray());
      tls = SSLContext.getInstance("TLS");
      tls.init(kmf.getKeyManagers(), null, null);
      socket = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
      Thread t = new Thread(this::acceptLoop, "fake-tls-proxy");
      t.setDaemon(true);
      t.start();
    }

    /** Sets javax.net.ssl.trustStore so this JVM's default TLS trusts the fake certificate. */
    public void trustInThisJvm() {
      System.setProperty("javax.net.ssl.trustStore", trustStore.toString());
      System.setProperty("javax.net.ssl.trustStorePassword", PASSWORD);
      System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
    }

    public Path trustStore() {
      return trustStore;
    }

    public int port() {
      return socket.getLocalPort();
    }

    private void acceptLoop() {
      while (!socket.isClosed()) {
        try {
          Socket s = socket.accept();
          Thread t = new Thread(() -> serve(s), "fake-tls-proxy-conn");
          t.setDaemon(true);
          t.start();
        } catch (IOException closed) {
          return;
        }
      }
    }

    private void serve(Socket plain) {
      try (plain) {
        String line;
        // CONNECT api.telegram.org:443 HTTP/1.1 and headers; nothing follows before our answer.
        while ((line = readLine(plain.getInputStream())) != null && !line.isEmpty()) {
          // skip
        }
        OutputStream out = plain.getOutputStream();
        out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        try (SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(plain, "127.0.0.1", plain.getPort(), false)) {
          ssl.setUseClientMode(false);
          InputStream in = ssl.getInputStream();
          OutputStream tlsOut = ssl.getOutputStream();
          while (true) {
            int contentLength = 0;
            String request = readLine(in);
            if (request == null) {
              return;
            }
            while ((line = readLine(in)) != null && !line.isEmpty()) {
              if (line.toLowerCase().startsWith("content-length:")) {
                contentLength = Integer.parseInt(line.substring(15).trim());
              }
            }
            in.readNBytes(contentLength);
            byte[] body = ("{\"ok\":true,\"result\":{\"message_id\":" + delivered.incrementAndGet() + "}}")
                .getBytes(StandardCharsets.UTF_8);
            tlsOut.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            tlsOut.write(body);
            tlsOut.flush();
          }
        }
      } catch (IOException e) {
        // the client went away
      }
    }

    /** One CRLF-terminated line, byte by byte so nothing past the header is consumed. */
    private static String readLine(InputStream in) throws IOException {
      StringBuilder sb = new StringBuilder();
      int c;
      while ((c = in.read()) != -1) {
        if (c == '\n') {
          int n = sb.length();
          return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
        }
        sb.append((char) c);
      }
      return sb.length() == 0 ? null : sb.toString();
    }

    private static void run(String... command) throws IOException, InterruptedException {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " failed: " + output);
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
