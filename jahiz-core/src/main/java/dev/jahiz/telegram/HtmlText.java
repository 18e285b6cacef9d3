package dev.jahiz.telegram;

/**
 * Builds a Bot API HTML text and its plain-text twin side by side, so the visible length that
 * Telegram counts (UTF-16 units after entity parsing) is always known exactly: it is the length of
 * the plain twin. User data only ever enters through {@link #text}, which escapes it.
 */
final class HtmlText {
  private final StringBuilder html = new StringBuilder();
  private final StringBuilder plain = new StringBuilder();

  HtmlText text(String raw) {
    String safe = wellFormed(raw);
    escapeInto(html, safe);
    plain.append(safe);
    return this;
  }

  /** Replaces lone surrogates, which are not valid UTF-8 and make the Bot API reject the text. */
  static String wellFormed(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean lone;
      if (Character.isHighSurrogate(c)) {
        lone = i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        if (!lone) {
          if (out != null) {
            out.append(c).append(s.charAt(i + 1));
          }
          i++;
          continue;
        }
      } else {
        lone = Character.isLowSurrogate(c);
      }
      if (lone && out == null) {
        out = new StringBuilder(s.length()).append(s, 0, i);
      }
      if (out != null) {
        out.append(lone ? '\uFFFD' : c);
      }
    }
    return out == null ? s : out.toString();
  }

  /** A tag written by the renderer itself; never user data. */
  HtmlText tag(String tag) {
    html.append(tag);
    return this;
  }

  HtmlText bold(String raw) {
    return tag("<b>").text(raw).tag("</b>");
  }

  HtmlText code(String raw) {
    return tag("<code>").text(raw).tag("</code>");
  }

  /** A link; only the text is visible. The URL must be http(s), which the caller checks. */
  HtmlText link(String url, String raw) {
    StringBuilder href = new StringBuilder();
    escapeInto(href, wellFormed(url));
    return tag("<a href=\"" + href + "\">").text(raw).tag("</a>");
  }

  HtmlText italic(String raw) {
    return tag("<i>").text(raw).tag("</i>");
  }

  HtmlText newline() {
    return text("\n");
  }

  HtmlText append(HtmlText other) {
    html.append(other.html);
    plain.append(other.plain);
    return this;
  }

  int visibleLength() {
    return plain.length();
  }

  boolean isEmpty() {
    return plain.length() == 0 && html.length() == 0;
  }

  String html() {
    return html.toString();
  }

  String plain() {
    return plain.toString();
  }

  static void escapeInto(StringBuilder out, String raw) {
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      switch (c) {
        case '<':
          out.append("&lt;");
          break;
        case '>':
          out.append("&gt;");
          break;
        case '&':
          out.append("&amp;");
          break;
        case '"':
          out.append("&quot;");
          break;
        default:
          out.append(c);
      }
    }
  }

  /**
   * At most {@code max} UTF-16 units of {@code s}, ending in "…" when cut, never splitting a
   * surrogate pair.
   */
  static String clip(String s, int max) {
    if (s == null || s.length() <= max) {
      return s;
    }
    if (max <= 1) {
      return max == 1 ? "…" : "";
    }
    int end = max - 1;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end) + "…";
  }
}
