package dev.jahiz.receiver.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Web origins a browser may send reports from, as a browser serialises them in its {@code Origin}
 * header ({@code https://app.example.com}, {@code http://localhost:5173}), or every origin when
 * written {@code *}. Compared exactly: a subdomain is another origin.
 */
public final class Origins {
  public static final Origins NONE = new Origins(Set.of(), false);
  public static final Origins ANY = new Origins(Set.of(), true);

  private final Set<String> origins;
  private final boolean any;

  private Origins(Set<String> origins, boolean any) {
    this.origins = Set.copyOf(origins);
    this.any = any;
  }

  /**
   * Parses origins separated by {@code separator}; a problem names {@code variable} and the value.
   *
   * @param what how the value is referred to in messages, e.g. the variable or "JAHIZ_PUBLIC_KEYS entry 2"
   */
  static Origins parse(String what, String text, String separatorRegex) {
    Set<String> parsed = new LinkedHashSet<>();
    boolean any = false;
    for (String part : text.split(separatorRegex, -1)) {
      String origin = part.strip();
      if (origin.equals("*")) {
        any = true;
      } else if (origin.isEmpty()) {
        throw new ConfigException(what + " has an empty origin: write origins such as https://app.example.com");
      } else {
        parsed.add(normalise(what, origin));
      }
    }
    return any ? ANY : new Origins(parsed, false);
  }

  /** {@code scheme://host[:port]} in lower case without a default port, as browsers send it. */
  private static String normalise(String what, String origin) {
    URI uri;
    try {
      uri = new URI(origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin);
    } catch (URISyntaxException e) {
      throw notAnOrigin(what, origin);
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!("http".equals(scheme) || "https".equals(scheme)) || uri.getHost() == null || uri.getRawUserInfo() != null
        || !uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw notAnOrigin(what, origin);
    }
    int port = uri.getPort();
    boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
    return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
  }

  private static ConfigException notAnOrigin(String what, String origin) {
    return new ConfigException(what + ": '" + origin + "' is not an origin; write http(s)://host[:port] without a"
        + " path, as the browser's address bar shows it (e.g. https://app.example.com), or * for every origin");
  }

  /** Whether a request's {@code Origin} header names an allowed origin. */
  public boolean allows(String origin) {
    return origin != null && (any || origins.contains(origin.toLowerCase(Locale.ROOT)));
  }

  public boolean isAny() {
    return any;
  }

  public boolean isEmpty() {
    return !any && origins.isEmpty();
  }

  /** Both sets together. */
  public Origins and(Origins other) {
    if (any || other.any) {
      return ANY;
    }
    Set<String> all = new LinkedHashSet<>(origins);
    all.addAll(other.origins);
    return new Origins(all, false);
  }

  @Override
  public String toString() {
    return any ? "*" : String.join("|", origins);
  }
}
