package dev.jahiz.receiver.ui;

import java.util.List;

/** The inbox: filters and sorting (a GET form, so the URL carries them), one row per group, paging. */
final class InboxPage {
  private InboxPage() {}

  static String render(InboxQuery q, Inbox.Listing listing, List<String> apps, List<String> environments,
      String csrf, java.time.Instant now) {
    StringBuilder b = new StringBuilder(16_384);
    b.append("<h1>Inbox <small>").append(Html.count(listing.total(), "group")).append("</small></h1>");
    b.append("<form class=\"filters\" method=\"get\" action=\"/ui\" role=\"search\">")
        .append(select("app", "App", q.app(), apps))
        .append(select("env", "Environment", q.environment(), environments))
        .append(select("severity", "Severity", q.severity(), InboxQuery.SEVERITIES))
        .append(select("state", "State", q.state(), InboxQuery.STATES))
        .append("<label>Sort<select name=\"sort\">");
    for (String[] s : new String[][] {{"recent", "Last seen"}, {"frequent", "Most occurrences"},
        {"new", "Newest"}, {"oldest", "Oldest"}}) {
      b.append("<option value=\"").append(s[0]).append('"').append(s[0].equals(q.sort()) ? " selected" : "")
          .append('>').append(s[1]).append("</option>");
    }
    b.append("</select></label><label class=\"grow\">Text<input type=\"search\" name=\"q\" value=\"")
        .append(Html.esc(q.text())).append("\" placeholder=\"message, type or fingerprint\"></label>")
        .append("<button type=\"submit\">Filter</button>")
        .append("<a href=\"/ui\" class=\"reset\">Clear</a></form>");
    if (listing.groups().isEmpty()) {
      b.append("<p class=\"empty\">No group matches.</p>");
      return Layout.page("Inbox", csrf, b.toString());
    }
    b.append("<table class=\"groups\"><thead><tr><th scope=\"col\">Error</th><th scope=\"col\">App</th>")
        .append("<th scope=\"col\">Env</th><th scope=\"col\">Severity</th><th scope=\"col\">Class</th>")
        .append("<th scope=\"col\" class=\"num\">Total</th><th scope=\"col\">First seen</th>")
        .append("<th scope=\"col\">Last seen</th><th scope=\"col\">24 h</th><th scope=\"col\">State</th></tr></thead><tbody>");
    for (Inbox.Group g : listing.groups()) {
      b.append("<tr><td class=\"headline\" data-label=\"Error\"><a href=\"").append(Html.groupPath(g.fingerprint()))
          .append("\">").append(Html.esc(Html.headline(g.errorType(), g.errorMessage()))).append("</a></td>")
          .append(cell("App", Html.esc(g.appName())))
          .append(cell("Env", Html.esc(g.environment())))
          .append(cell("Severity", "<span class=\"sev sev-" + Html.esc(g.severity()) + "\">" + Html.esc(g.severity())
              + "</span>"))
          .append(cell("Class", Html.esc(g.errorClass())))
          .append("<td class=\"num\" data-label=\"Total\">").append(Html.number(g.occurrences())).append("</td>")
          .append(cell("First seen", Html.when(g.firstSeen())))
          .append(cell("Last seen", Html.when(g.lastSeen())))
          .append(cell("24 h", Charts.sparkline(listing.hourly().get(g.fingerprint()))))
          .append(cell("State", Html.stateBadge(g.state().name(now))))
          .append("</tr>");
    }
    b.append("</tbody></table><nav class=\"pages\" aria-label=\"Pages\">");
    if (q.page() > 1) {
      b.append("<a rel=\"prev\" href=\"").append(Html.esc(q.with("page", Integer.toString(q.page() - 1))))
          .append("\">← Newer</a>");
    }
    b.append("<span>Page ").append(q.page()).append("</span>");
    if ((long) q.page() * InboxQuery.PAGE_SIZE < listing.total()) {
      b.append("<a rel=\"next\" href=\"").append(Html.esc(q.with("page", Integer.toString(q.page() + 1))))
          .append("\">Older →</a>");
    }
    b.append("</nav>");
    return Layout.page("Inbox", csrf, b.toString());
  }

  private static String cell(String label, String html) {
    return "<td data-label=\"" + label + "\">" + html + "</td>";
  }

  private static String select(String name, String label, String selected, List<String> values) {
    StringBuilder b = new StringBuilder("<label>").append(label).append("<select name=\"").append(name)
        .append("\"><option value=\"\">All</option>");
    for (String v : values) {
      b.append("<option value=\"").append(Html.esc(v)).append('"').append(v.equals(selected) ? " selected" : "")
          .append('>').append(Html.esc(v)).append("</option>");
    }
    return b.append("</select></label>").toString();
  }
}
