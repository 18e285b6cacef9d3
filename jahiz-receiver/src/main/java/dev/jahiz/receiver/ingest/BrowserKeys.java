package dev.jahiz.receiver.ingest;

import dev.jahiz.receiver.config.PublicKey;
import dev.jahiz.receiver.http.ApiError;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The browser ingest keys and what a request made with one may do: submit reports, from a page of
 * one of the key's origins, within the key's rate limit and its client address's. Everything else a
 * key might be tried for (reading, a test notification, a batch) is refused by its callers.
 */
public final class BrowserKeys {
  /** The URL query parameter that carries a key where no header can be set ({@code navigator.sendBeacon}). */
  public static final String QUERY_PARAMETER = "key";
  private static final int MAX_TRACKED_ADDRESSES = 50_000;

  private final Map<String, PublicKey> keys = new HashMap<>();
  private final RateLimiter perKey;
  private final RateLimiter perAddress;

  public BrowserKeys(List<PublicKey> keys, int perKeyPerMinute, int perAddressPerMinute) {
    for (PublicKey k : keys) {
      this.keys.put(k.key(), k);
    }
    this.perKey = new RateLimiter(perKeyPerMinute, keys.size() + 1);
    this.perAddress = new RateLimiter(perAddressPerMinute, MAX_TRACKED_ADDRESSES);
  }

  public static BrowserKeys none() {
    return new BrowserKeys(List.of(), 1, 1);
  }

  /** The key this presented value is, or null. Keys are public, so a plain lookup reveals nothing. */
  PublicKey find(String presented) {
    return presented == null ? null : keys.get(presented.strip());
  }

  /**
   * Refuses (429, then 403) a submission with {@code key} that is over a rate limit or comes from a
   * page whose origin the key does not list. Every attempt counts, allowed origin or not, so a
   * script cannot probe origins for free.
   */
  void admit(PublicKey key, String origin, String address, Instant now) {
    Duration wait = perAddress.acquire(address, now);
    if (wait != null) {
      throw ApiError.tooManyRequests("too many reports from this address with browser keys; try again later", wait);
    }
    wait = perKey.acquire(key.key(), now);
    if (wait != null) {
      throw ApiError.tooManyRequests("too many reports with this browser key; try again later", wait);
    }
    if (origin == null) {
      throw ApiError.of(403, "forbidden", "a browser key is accepted only from a web page (the request has no"
          + " Origin header); servers sign their reports with WEBHOOK_SECRET");
    }
    if (!key.origins().allows(origin)) {
      throw ApiError.of(403, "forbidden", "origin " + origin + " may not use this browser key; its origins are"
          + " listed with it in JAHIZ_PUBLIC_KEYS");
    }
  }
}
