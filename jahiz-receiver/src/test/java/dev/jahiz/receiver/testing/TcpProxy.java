package dev.jahiz.receiver.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay to a server that a test can take down and bring back on the same port: to the client,
 * exactly a database server restarting (open connections cut, new ones refused, then accepted again).
 */
public final class TcpProxy implements AutoCloseable {
  private final String targetHost;
  private final int targetPort;
  private final int port;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile ServerSocket server;

  public TcpProxy(String targetHost, int targetPort) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.server = listen(0);
    this.port = server.getLocalPort();
    acceptOn(server);
  }

  public int port() {
    return port;
  }

  /** Cuts every connection and refuses new ones. */
  public synchronized void down() {
    closeQuietly(server);
    open.forEach(TcpProxy::closeQuietly);
    open.clear();
  }

  /** Accepts connections again, on the same port. */
  public synchronized void up() {
    server = listen(port);
    acceptOn(server);
  }

  private static ServerSocket listen(int port) {
    try {
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress("127.0.0.1", port));
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void acceptOn(ServerSocket listening) {
    Thread acceptor = new Thread(() -> {
      while (!listening.isClosed()) {
        try {
          Socket client = listening.accept();
          Socket target = new Socket(targetHost, targetPort);
          open.add(client);
          open.add(target);
          pump(client, target);
          pump(target, client);
        } catch (IOException e) {
          // closed by down(), or the target refused: the client sees its connection fail
        }
      }
    }, "tcp-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void pump(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        in.transferTo(out);
      } catch (IOException e) {
        // one side closed
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "tcp-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // already closed
    }
  }

  @Override
  public void close() {
    down();
  }
}
