package dev.jahiz.delivery;

import java.net.Proxy;
import java.time.Duration;
import okhttp3.OkHttpClient;

/** How the HTTP transports talk: bounded in time everywhere, retrying only a connection that failed. */
public final class HttpClients {
  private HttpClients() {}

  /** A client whose every call ends within connect + read timeout; {@code proxy} may be null. */
  public static OkHttpClient create(Duration connectTimeout, Duration readTimeout, Proxy proxy) {
    OkHttpClient.Builder http = new OkHttpClient.Builder()
        .connectTimeout(connectTimeout)
        .readTimeout(readTimeout)
        .writeTimeout(readTimeout)
        .callTimeout(connectTimeout.plus(readTimeout))
        // The pipeline owns retries, with backoff and a budget. OkHttp's own are only for a failed
        // connection: a pooled one the server or a proxy closed while idle ("unexpected end of
        // stream"), or a route that cannot connect. Without them, a keep-alive timeout costs a
        // backoff and a false "degraded" health.
        .retryOnConnectionFailure(true);
    if (proxy != null) {
      http.proxy(proxy);
    }
    return http.build();
  }

  /** Ends calls still hanging on an unresponsive server, so closing is never held up by one. */
  public static void release(OkHttpClient http) {
    http.dispatcher().cancelAll();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
