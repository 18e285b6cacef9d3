package dev.jahiz.receiver.ui;

/** The page around every inbox view: header with navigation and sign-out, then the view. */
final class Layout {
  private Layout() {}

  /** @param csrf the session's token for the sign-out form; null on the sign-in page */
  static String page(String title, String csrf, String body) {
    StringBuilder html = new StringBuilder(body.length() + 1500);
    html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>").append(Html.esc(title)).append(" · Jahiz</title>")
        .append("<link rel=\"stylesheet\" href=\"/ui/assets/app.css\"></head><body>")
        .append("<a class=\"skip\" href=\"#main\">Skip to content</a><header class=\"top\"><a class=\"brand\" href=\"/ui\">Jahiz</a>");
    if (csrf != null) {
      html.append("<nav aria-label=\"Main\"><a href=\"/ui\">Inbox</a><a href=\"/ui/monitoring\">Monitoring</a>")
          .append(Html.actionForm("/ui/logout", csrf, "Sign out", "link"))
          .append("</nav>");
    }
    return html.append("</header><main id=\"main\">").append(body).append("</main></body></html>").toString();
  }
}
