package dev.jahiz.receiver.ui;

/** The sign-in form: the read token, posted to {@code /ui/login}. */
final class LoginPage {
  private LoginPage() {}

  static String render(String problem, String next) {
    return Layout.page("Sign in", null, "<section class=\"login\"><h1>Sign in</h1>"
        + (problem == null ? "" : "<p class=\"problem\" role=\"alert\">" + Html.esc(problem) + "</p>")
        + "<form method=\"post\" action=\"/ui/login\"><input type=\"hidden\" name=\"next\" value=\""
        + Html.esc(next) + "\"><label for=\"token\">Read token (<code>JAHIZ_READ_TOKEN</code>)</label>"
        + "<input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"current-password\" required autofocus>"
        + "<button type=\"submit\">Sign in</button></form></section>");
  }
}
