package dev.jahiz.receiver.ui;

import dev.jahiz.receiver.triage.GroupState;
import dev.jahiz.report.ErrorReport;
import dev.jahiz.report.InvalidReportException;
import dev.jahiz.report.ReportJson;
import dev.jahiz.report.RequestContext;
import dev.jahiz.report.UserInfo;
import dev.jahiz.telegram.TelegramRenderer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One group: its state and actions, the 7-day chart, the latest report as the Telegram message shows
 * it, the full stack trace, tags and metadata, and its occurrences with paging.
 */
final class GroupPage {
  static final int OCCURRENCES_PER_PAGE = 20;
  private static final TelegramRenderer RENDERER = TelegramRenderer.byDefault();

  private GroupPage() {}

  static String render(Inbox.Group g, String latestJson, long[] week, List<Inbox.Occurrence> occurrences, int page,
      String csrf, Instant now) {
    ErrorReport latest = parse(latestJson);
    GroupState state = g.state();
    String base = Html.groupPath(g.fingerprint());
    StringBuilder b = new StringBuilder(32_768);
    b.append("<p class=\"back\"><a href=\"/ui\">← Inbox</a></p>")
        .append("<h1 class=\"group-title\">").append(Html.esc(Html.headline(g.errorType(), g.errorMessage())))
        .append("</h1><div class=\"state-line\">").append(Html.stateBadge(state.name(now)));
    if (state.regressed()) {
      b.append(" <strong class=\"regression\">Regression: resolved on ").append(Html.when(state.resolvedAt()))
          .append(state.resolvedBy() == null ? "" : " by " + Html.esc(state.resolvedBy()))
          .append(", seen again since</strong>");
    } else if (state.resolved()) {
      b.append(" resolved ").append(Html.when(state.resolvedAt()))
          .append(state.resolvedBy() == null ? "" : " by " + Html.esc(state.resolvedBy()));
    } else if (state.muted(now)) {
      b.append(" muted ").append(state.mutedUntil() == null ? "until resolved" : "until " + Html.when(state.mutedUntil()))
          .append(state.mutedBy() == null ? "" : " by " + Html.esc(state.mutedBy()));
    }
    b.append("</div><div class=\"actions\" role=\"group\" aria-label=\"Triage\">");
    if (!state.resolved()) {
      b.append(Html.actionForm(base + "/resolve", csrf, "Resolve", "primary"));
    }
    b.append(Html.actionForm(base + "/mute_1h", csrf, "Mute 1 h", ""))
        .append(Html.actionForm(base + "/mute_24h", csrf, "Mute 24 h", ""))
        .append(Html.actionForm(base + "/mute", csrf, "Mute until resolved", ""));
    if (state.resolved() || state.muted(now)) {
      b.append(Html.actionForm(base + "/reopen", csrf, "Reopen", ""));
    }
    b.append("</div>");

    b.append("<dl class=\"facts\">")
        .append(fact("Total", Html.count(g.occurrences(), "occurrence") + " in " + Html.count(g.reports(), "report")))
        .append(fact("First seen", Html.when(g.firstSeen())))
        .append(fact("Last seen", Html.when(g.lastSeen())))
        .append(fact("App", Html.esc(g.appName())))
        .append(fact("Environment", Html.esc(g.environment())))
        .append(fact("Severity", Html.esc(g.severity())))
        .append(fact("Class", Html.esc(g.errorClass())))
        .append(fact("Fingerprint", "<code>" + Html.esc(g.fingerprint()) + "</code>"))
        .append("</dl>");

    b.append("<section><h2>Occurrences per hour, last 7 days</h2>").append(Charts.week(week, now)).append("</section>");

    if (latest != null) {
      // The renderer escapes every user character and emits only the Bot API's few tags, all valid HTML.
      b.append("<section><h2>Latest report</h2><div class=\"telegram\">")
          .append(RENDERER.render(latest).html()).append("</div></section>");
      if (latest.stacktrace() != null && !latest.stacktrace().isBlank()) {
        b.append("<section><h2>Stack trace</h2>").append(StackTraceHtml.render(latest.stacktrace()))
            .append("</section>");
      }
      b.append(tagsAndMetadata(latest));
    }

    b.append("<section><h2>Occurrences</h2><table class=\"occurrences\"><thead><tr><th scope=\"col\">Time</th>")
        .append("<th scope=\"col\">Host</th><th scope=\"col\">User</th><th scope=\"col\">Request</th>")
        .append("<th scope=\"col\">Status</th></tr></thead><tbody>");
    for (Inbox.Occurrence o : occurrences) {
      ErrorReport r = parse(o.reportJson());
      b.append("<tr><td data-label=\"Time\">").append(Html.when(o.occurredAt())).append("</td><td data-label=\"Host\">")
          .append(Html.esc(r == null || r.device() == null ? null : r.device().hostname()))
          .append("</td><td data-label=\"User\">").append(Html.esc(user(r))).append("</td><td data-label=\"Request\">")
          .append(Html.esc(request(r))).append("</td><td data-label=\"Status\">").append(Html.esc(o.status()))
          .append("</td></tr>");
    }
    b.append("</tbody></table><nav class=\"pages\" aria-label=\"Occurrence pages\">");
    if (page > 1) {
      b.append("<a rel=\"prev\" href=\"").append(base).append("?page=").append(page - 1).append("\">← Newer</a>");
    }
    b.append("<span>Page ").append(page).append("</span>");
    if ((long) page * OCCURRENCES_PER_PAGE < g.reports()) {
      b.append("<a rel=\"next\" href=\"").append(base).append("?page=").append(page + 1).append("\">Older →</a>");
    }
    b.append("</nav></section>");
    return Layout.page(Html.headline(g.errorType(), g.errorMessage()), csrf, b.toString());
  }

  private static String tagsAndMetadata(ErrorReport r) {
    if (r.tags().isEmpty() && r.metadata().isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder("<section><h2>Tags and metadata</h2><dl class=\"facts\">");
    for (Map.Entry<String, String> t : r.tags().entrySet()) {
      b.append(fact("#" + Html.esc(t.getKey()), Html.esc(t.getValue())));
    }
    for (Map.Entry<String, Object> m : r.metadata().entrySet()) {
      b.append(fact(Html.esc(m.getKey()), "<code>" + Html.esc(String.valueOf(m.getValue())) + "</code>"));
    }
    return b.append("</dl></section>").toString();
  }

  private static String fact(String name, String html) {
    return "<div><dt>" + name + "</dt><dd>" + html + "</dd></div>";
  }

  private static String user(ErrorReport r) {
    UserInfo u = r == null ? null : r.user();
    if (u == null || u.isEmpty()) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    for (String p : new String[] {u.userId(), u.username(), u.email()}) {
      if (p != null) {
        parts.add(p);
      }
    }
    return String.join(" · ", parts);
  }

  private static String request(ErrorReport r) {
    RequestContext c = r == null ? null : r.context();
    if (c == null || c.isEmpty()) {
      return null;
    }
    return ((c.requestMethod() == null ? "" : c.requestMethod() + " ") + (c.requestUrl() == null ? "" : c.requestUrl())
        + (c.responseStatus() == null ? "" : " → " + c.responseStatus())).strip();
  }

  private static ErrorReport parse(String json) {
    if (json == null) {
      return null;
    }
    try {
      return ReportJson.parse(json);
    } catch (InvalidReportException e) {
      return null;
    }
  }
}
