package dev.jahiz.spring.boot.web;

import java.util.regex.Pattern;

/** A request URL as reports show it: query values of keys that look secret replaced by {@code ***}. */
final class MaskedUrl {
  private static final Pattern SECRET_KEY = Pattern.compile(
      "(?i).*(token|secret|passw|pwd|api[-_.]?key|apikey|access[-_.]?key|auth|credential|session|signature|sig|code"
          + "|private|jwt|otp).*");

  private MaskedUrl() {}

  /** {@code base} is the URL without its query; {@code query} the raw query, or null. */
  static String of(String base, String query) {
    if (query == null || query.isEmpty()) {
      return base;
    }
    StringBuilder url = new StringBuilder(base).append('?');
    String[] pairs = query.split("&", -1);
    for (int i = 0; i < pairs.length; i++) {
      if (i > 0) {
        url.append('&');
      }
      String pair = pairs[i];
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      url.append(eq >= 0 && SECRET_KEY.matcher(key).matches() ? key + "=***" : pair);
    }
    return url.toString();
  }
}
