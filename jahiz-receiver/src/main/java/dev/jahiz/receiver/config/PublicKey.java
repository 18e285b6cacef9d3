package dev.jahiz.receiver.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A browser ingest key: like Sentry's public DSN key, it ships inside a web page's JavaScript, so it
 * is public. It can only submit reports, only from the origins listed with it, within its own rate
 * limits; it never reads and is never the webhook secret.
 */
public record PublicKey(String key, Origins origins) {
  public static final String VARIABLE = "JAHIZ_PUBLIC_KEYS";
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{16,128}");

  /**
   * Parses {@code key1@https://app.example.com|https://b.example.com,key2@https://admin.example.com}.
   * Messages refer to entries by position and never repeat a key, which may be a pasted secret.
   */
  /** @param secrets values no key may have (the webhook secret, read tokens), each with how to name it */
  static List<PublicKey> parseAll(String text, Map<String, String> secrets) {
    List<PublicKey> keys = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String[] entries = text.split(",", -1);
    for (int i = 0; i < entries.length; i++) {
      String entry = entries[i].strip();
      String what = VARIABLE + " entry " + (i + 1);
      int at = entry.indexOf('@');
      if (at < 0) {
        throw new ConfigException(what + " has no origins: write key@https://app.example.com, several origins"
            + " separated by |, entries by commas (key1@https://a.example.com|https://b.example.com,key2@...)");
      }
      String key = entry.substring(0, at).strip();
      if (!KEY.matcher(key).matches()) {
        throw new ConfigException(what + ": a key must be 16 to 128 letters, digits, '-' or '_';"
            + " make one with `openssl rand -hex 16`");
      }
      String secret = secrets.get(key);
      if (secret != null) {
        throw new ConfigException(what + " is " + secret + ": a browser key is public (it ships in the page),"
            + " so it must differ from every secret; make one with `openssl rand -hex 16`");
      }
      if (!seen.add(key)) {
        throw new ConfigException(what + " repeats an earlier key: give each key once, with all its origins");
      }
      keys.add(new PublicKey(key, Origins.parse(what, entry.substring(at + 1), "\\|")));
    }
    return List.copyOf(keys);
  }

  @Override
  public String toString() {
    // Public, but still kept out of logs: the prefix tells keys apart.
    return "PublicKey(" + key.substring(0, 4) + "…, origins=" + origins + ")";
  }
}
