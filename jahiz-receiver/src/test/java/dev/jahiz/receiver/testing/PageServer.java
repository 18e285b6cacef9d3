package dev.jahiz.receiver.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * A web server for test pages: serves {@code src/test/resources/browser/} as a site of its own
 * origin ({@code http://localhost:<port>}), so a page's calls to the receiver are cross-origin.
 */
public final class PageServer implements AutoCloseable {
  private final MockWebServer server = new MockWebServer();

  public PageServer() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return serve(request.getUrl().encodedPath());
      }
    });
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static MockResponse serve(String path) {
    try (InputStream in = PageServer.class.getResourceAsStream("/browser" + path)) {
      if (in == null || path.contains("..")) {
        return new MockResponse.Builder().code(404).build();
      }
      String type = path.endsWith(".html") ? "text/html; charset=utf-8"
          : path.endsWith(".js") ? "text/javascript; charset=utf-8" : "application/octet-stream";
      return new MockResponse.Builder().setHeader("Content-Type", type).setHeader("Cache-Control", "no-store")
          .body(new Buffer().write(in.readAllBytes())).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The origin a browser gives this site's pages. */
  public String origin() {
    return "http://localhost:" + server.getPort();
  }

  public String url(String pathAndQuery) {
    return origin() + pathAndQuery;
  }

  @Override
  public void close() {
    server.close();
  }
}
