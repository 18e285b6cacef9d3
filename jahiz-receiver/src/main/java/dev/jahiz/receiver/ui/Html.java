package dev.jahiz.receiver.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Escaping and formatting shared by the inbox's pages; every value from a report goes through {@link #esc}. */
final class Html {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Html() {}

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  static String when(Instant t) {
    return t == null ? "" : "<time datetime=\"" + t + "\">" + WHEN.format(t) + "</time>";
  }

  static String url(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static String groupPath(String fingerprint) {
    return "/ui/groups/" + url(fingerprint);
  }

  static String number(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** {@code 1 report}, {@code 2,041 reports}. */
  static String count(long n, String noun) {
    return number(n) + " " + noun + (n == 1 ? "" : "s");
  }

  static String headline(String errorType, String errorMessage) {
    String type = errorType == null ? "" : errorType.substring(errorType.lastIndexOf('.') + 1) + ": ";
    String text = type + (errorMessage == null ? "" : errorMessage);
    return text.length() > 160 ? text.substring(0, 159) + "…" : text;
  }

  static String stateBadge(String state) {
    return "<span class=\"state state-" + esc(state) + "\">" + esc(state) + "</span>";
  }

  /** A POST form with the session's CSRF token and one button. */
  static String actionForm(String action, String csrf, String label, String css) {
    return "<form method=\"post\" action=\"" + esc(action) + "\" class=\"inline\">"
        + "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(csrf) + "\">"
        + "<button type=\"submit\" class=\"" + css + "\">" + esc(label) + "</button></form>";
  }
}
