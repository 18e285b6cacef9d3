package dev.jahiz.webhook;

import dev.jahiz.delivery.DeliveryOutcome;
import dev.jahiz.delivery.HttpClients;
import dev.jahiz.delivery.Transport;
import dev.jahiz.report.ErrorReport;
import dev.jahiz.report.ReportJson;
import java.io.IOException;
import java.net.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Posts reports as JSON to a Jahiz receiver's {@code /webhook/error}, signed as {@link
 * WebhookSignature} defines. The receiver stores, groups across every app and delivers to
 * Telegram, so the bot token lives in one place.
 */
public final class WebhookTransport implements Transport {
  public static final String PATH = "webhook/error";
  /**
   * Requests under way at once: a receiver stores concurrent requests together and groups and paces
   * for Telegram itself, so distinct reports need not wait for each other's round trip.
   */
  static final int CONCURRENT_REQUESTS = 4;
  private static final MediaType JSON = MediaType.get("application/json");

  private final HttpUrl endpoint;
  private final WebhookSignature signature;
  private final Clock clock;
  private final OkHttpClient http;

  private WebhookTransport(Builder b) {
    this.endpoint = b.endpoint;
    this.signature = b.signature;
    this.clock = b.clock;
    this.http = HttpClients.create(b.connectTimeout, b.readTimeout, b.proxy);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public DeliveryOutcome deliver(ErrorReport report) {
    byte[] body = ReportJson.toJson(report);
    WebhookSignature.Signed signed = signature.sign(body, clock.instant());
    Request request = new Request.Builder()
        .url(endpoint)
        .header(WebhookSignature.TIMESTAMP_HEADER, signed.timestamp())
        .header(WebhookSignature.SIGNATURE_HEADER, signed.signature())
        .header("User-Agent", "jahiz-java")
        .post(RequestBody.create(body, JSON))
        .build();
    try (Response response = http.newCall(request).execute()) {
      int code = response.code();
      if (code / 100 == 2) {
        return DeliveryOutcome.delivered();
      }
      String reason = "HTTP " + code + ": " + snippet(response);
      if (code == 429 || code == 503) {
        Duration wait = retryAfter(response.header("Retry-After"));
        return wait != null ? DeliveryOutcome.rateLimited(wait, reason) : DeliveryOutcome.retryable(reason);
      }
      if (code >= 500 || code == 408) {
        return DeliveryOutcome.retryable(reason);
      }
      if (code == 401) {
        reason += " (check that WEBHOOK_SECRET matches the receiver's and the clocks agree)";
      }
      return DeliveryOutcome.rejected(reason);
    } catch (IOException e) {
      return DeliveryOutcome.retryable(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
  }

  private static String snippet(Response response) {
    try {
      String text = response.body().string();
      return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    } catch (IOException | RuntimeException e) {
      return "(no body)";
    }
  }

  private static Duration retryAfter(String header) {
    if (header == null) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(1, Long.parseLong(header.trim())));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public int maxConcurrentDeliveries() {
    return CONCURRENT_REQUESTS;
  }

  @Override
  public String describe() {
    return describe(endpoint);
  }

  private static String describe(HttpUrl endpoint) {
    return "receiver(" + endpoint.scheme() + "://" + endpoint.host() + ":" + endpoint.port() + "/" + PATH + ")";
  }

  @Override
  public String toString() {
    return describe();
  }

  @Override
  public void close() {
    HttpClients.release(http);
  }

  public static final class Builder {
    private HttpUrl endpoint;
    private WebhookSignature signature;
    private Clock clock = Clock.systemUTC();
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration readTimeout = Duration.ofSeconds(15);
    private Proxy proxy;

    private Builder() {}

    /**
     * The receiver's base URL such as {@code http://jahiz:8000}; {@code /webhook/error} is added
     * unless the URL already ends with it.
     */
    public Builder receiverUrl(String url) {
      HttpUrl parsed = url == null ? null : HttpUrl.parse(url.trim());
      if (parsed == null) {
        throw new IllegalArgumentException("receiver URL is not an http(s) URL: " + url);
      }
      if (!parsed.encodedPath().endsWith("/" + PATH)) {
        String path = parsed.encodedPath().endsWith("/") ? parsed.encodedPath() : parsed.encodedPath() + "/";
        parsed = parsed.newBuilder().encodedPath(path + PATH).build();
      }
      this.endpoint = parsed;
      return this;
    }

    public Builder secret(String secret) {
      if (secret == null || secret.isBlank()) {
        throw new IllegalArgumentException("webhook secret is missing (set WEBHOOK_SECRET)");
      }
      this.signature = WebhookSignature.withSecret(secret);
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Objects.requireNonNull(timeout);
      return this;
    }

    public Builder readTimeout(Duration timeout) {
      this.readTimeout = Objects.requireNonNull(timeout);
      return this;
    }

    /** An HTTP or SOCKS proxy to reach the receiver through; null (the default) for none. */
    public Builder proxy(Proxy proxy) {
      this.proxy = proxy;
      return this;
    }

    public WebhookTransport build() {
      validate();
      return new WebhookTransport(this);
    }

    /** Checks the settings as {@link #build()} does, without opening anything. */
    public Builder validate() {
      if (endpoint == null) {
        throw new IllegalArgumentException("receiver URL is missing (set JAHIZ_RECEIVER_URL or receiverUrl)");
      }
      if (signature == null) {
        throw new IllegalArgumentException("webhook secret is missing (set WEBHOOK_SECRET or secret)");
      }
      return this;
    }

    /** What the transport built from these settings describes itself as; no secrets. */
    public String describe() {
      return WebhookTransport.describe(endpoint);
    }

    @Override
    public String toString() {
      return "WebhookTransport.Builder(endpoint=" + endpoint + ", secret=***)";
    }
  }
}
