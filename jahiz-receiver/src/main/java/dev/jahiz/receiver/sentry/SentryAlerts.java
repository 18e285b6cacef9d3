package dev.jahiz.receiver.sentry;

import static dev.jahiz.receiver.sentry.SentryEvents.firstText;
import static dev.jahiz.receiver.sentry.SentryEvents.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jahiz.classify.ErrorClassifier;
import dev.jahiz.report.ErrorReport;
import dev.jahiz.report.ReportLimits;
import dev.jahiz.report.Severity;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one Sentry webhook means for the chat: an alert to store and deliver, a state change to send
 * as a reply to the alert it concerns, something to acknowledge only (installation, comment), or
 * something this receiver does not know (ignored, yet answered 2xx: Sentry disables integrations
 * whose webhooks fail).
 */
final class SentryAlerts {
  private SentryAlerts() {}

  enum Kind { STORE, ACKNOWLEDGE, IGNORE }

  /** The decision; for {@link Kind#STORE} the report (without event id) and the fingerprint it answers, if any. */
  record Decision(Kind kind, String resource, String action, ErrorReport.Builder report, String replyTo) {
    static Decision store(String resource, String action, ErrorReport.Builder report) {
      return new Decision(Kind.STORE, resource, action, report, null);
    }

    static Decision reply(String resource, String action, ErrorReport.Builder report, String replyTo) {
      return new Decision(Kind.STORE, resource, action, report, replyTo);
    }

    static Decision acknowledge(String resource, String action) {
      return new Decision(Kind.ACKNOWLEDGE, resource, action, null, null);
    }

    static Decision ignore(String resource, String action) {
      return new Decision(Kind.IGNORE, resource, action, null, null);
    }
  }

  /**
   * An integration-platform webhook, by its {@code Sentry-Hook-Resource}. {@code uniqueSuffix} makes
   * the fingerprint of a state change its own, so it is never folded into the alert's digest.
   */
  static Decision integration(String resource, JsonNode body, String uniqueSuffix) {
    String action = firstText(text(body, "action"), "none");
    JsonNode data = body.path("data");
    switch (resource) {
      case "event_alert":
        return eventAlert(data, action);
      case "error":
        return "created".equals(action) ? Decision.store(resource, action,
            SentryEvents.toReport(data.path("error"), issueId(data.path("error"))).title("🚨 Sentry error"))
            : Decision.ignore(resource, action);
      case "issue":
        return issue(data.path("issue"), action, uniqueSuffix);
      case "metric_alert":
        return metricAlert(data, action, uniqueSuffix);
      case "installation":
      case "comment":
        return Decision.acknowledge(resource, action);
      default:
        return Decision.ignore(resource, action);
    }
  }

  /**
   * The legacy "WebHooks" plugin's body: {@code id} (the issue), {@code project}, {@code project_name},
   * {@code culprit}, {@code message}, {@code url}, {@code level}, {@code event}. Anything else is ignored.
   */
  static Decision legacy(JsonNode body) {
    if (!body.path("event").isObject() || text(body, "id") == null) {
      return Decision.ignore("legacy", "unknown");
    }
    ErrorReport.Builder report = SentryEvents.toReport(body.path("event"), text(body, "id"));
    ErrorReport draft = report.build();
    report.appName(firstText(text(body, "project"), text(body, "project_name"), draft.appName()))
        .severity(text(body, "level") == null ? draft.severity() : SentryEvents.severity(text(body, "level")))
        .title("🚨 Sentry alert" + rules(body.path("triggering_rules")));
    if ("(no message)".equals(draft.errorMessage()) && text(body, "message") != null) {
      report.errorMessage(SentryEvents.clip(text(body, "message"), ReportLimits.MAX_MESSAGE));
    }
    String url = text(body, "url");
    if (url != null && url.regionMatches(true, 0, "http", 0, 4)) {
      report.link(SentryEvents.clip(url, ReportLimits.MAX_FIELD));
    }
    return Decision.store("legacy", "triggered", report);
  }

  private static Decision eventAlert(JsonNode data, String action) {
    if (!"triggered".equals(action) || !data.path("event").isObject()) {
      return Decision.ignore("event_alert", action);
    }
    JsonNode event = data.path("event");
    String rule = firstText(text(data, "triggered_rule"), text(data.path("issue_alert"), "title"));
    return Decision.store("event_alert", action, SentryEvents.toReport(event, issueId(event))
        .title("🚨 Sentry alert" + (rule == null ? "" : ": " + rule)));
  }

  private static Decision issue(JsonNode issue, String action, String uniqueSuffix) {
    String id = text(issue, "id");
    if (id == null) {
      return Decision.ignore("issue", action);
    }
    String shortId = firstText(text(issue, "shortId"), id);
    ErrorReport.Builder report = issueReport(issue);
    switch (action) {
      case "created":
        return Decision.store("issue", action, report.fingerprint(SentryEvents.fingerprint(id))
            .title("🆕 New Sentry issue " + shortId));
      case "resolved":
        return stateChange("issue", action, report, id, "✅ Resolved in Sentry: " + shortId, uniqueSuffix);
      case "unresolved":
        return stateChange("issue", action, report, id, "🔁 Unresolved again in Sentry: " + shortId, uniqueSuffix);
      case "assigned":
        String to = firstText(text(issue.path("assignedTo"), "name"), text(issue.path("assignedTo"), "email"));
        return stateChange("issue", action, report, id,
            "👤 Assigned in Sentry: " + shortId + (to == null ? "" : " → " + to), uniqueSuffix);
      case "archived":
      case "ignored":
        return stateChange("issue", action, report, id, "🔕 Archived in Sentry: " + shortId, uniqueSuffix);
      default:
        return Decision.ignore("issue", action);
    }
  }

  /** A short report answering the issue's announcement: informational, never folded into the issue's digests. */
  private static Decision stateChange(String resource, String action, ErrorReport.Builder report, String issueId,
      String title, String uniqueSuffix) {
    String announced = SentryEvents.fingerprint(issueId);
    report.severity(Severity.INFO).title(title).stacktrace(null).fileName(null).lineNumber(null).functionName(null)
        .fingerprint(SentryEvents.clip(announced + "-" + action + "-" + uniqueSuffix, ReportLimits.MAX_FINGERPRINT));
    return Decision.reply(resource, action, report, announced);
  }

  private static ErrorReport.Builder issueReport(JsonNode issue) {
    JsonNode metadata = issue.path("metadata");
    String type = text(metadata, "type");
    String message = firstText(text(metadata, "value"), text(issue, "title"), "(no message)");
    JsonNode project = issue.path("project");
    Map<String, Object> extra = new LinkedHashMap<>();
    if (text(issue, "culprit") != null) {
      extra.put("culprit", SentryEvents.clip(text(issue, "culprit"), ReportLimits.MAX_FIELD));
    }
    if (text(issue, "count") != null) {
      extra.put("events", text(issue, "count"));
    }
    String link = firstText(text(issue, "permalink"), text(issue, "web_url"));
    return ErrorReport.builder()
        .source(SentryEvents.SOURCE)
        .errorType(type)
        .errorMessage(SentryEvents.clip(message, ReportLimits.MAX_MESSAGE))
        .severity(SentryEvents.severity(text(issue, "level")))
        .appName(firstText(text(project, "slug"), text(project, "name")))
        .fileName(SentryEvents.clip(text(metadata, "filename"), ReportLimits.MAX_FIELD))
        .errorClass(ErrorClassifier.classify(type == null ? List.of() : List.of(type), message))
        .timestamp(instant(firstText(text(issue, "lastSeen"), text(issue, "firstSeen"))))
        .link(link != null && link.regionMatches(true, 0, "http", 0, 4) ? SentryEvents.clip(link, ReportLimits.MAX_FIELD)
            : null)
        .metadata(extra);
  }

  private static Decision metricAlert(JsonNode data, String action, String uniqueSuffix) {
    JsonNode alert = data.path("metric_alert");
    String id = text(alert, "id");
    if (id == null) {
      return Decision.ignore("metric_alert", action);
    }
    String rule = firstText(text(alert.path("alert_rule"), "name"), text(alert, "title"), "metric alert");
    String headline = firstText(text(data, "description_title"), rule);
    // Sentry's own example escapes its line break twice; show it as the line break it means.
    String description = text(data, "description_text");
    description = description == null ? null : description.replace("\\n", "\n");
    List<String> projects = new ArrayList<>();
    alert.path("projects").forEach(p -> projects.add(p.asText()));
    String link = text(data, "web_url");
    ErrorReport.Builder report = ErrorReport.builder()
        .source(SentryEvents.SOURCE)
        .errorType("Metric alert")
        .errorMessage(SentryEvents.clip(firstText(description, rule), ReportLimits.MAX_MESSAGE))
        .appName(projects.isEmpty() ? null : projects.get(0))
        .environment(text(alert.path("alert_rule"), "environment"))
        .errorClass(ErrorClassifier.classify(List.of(), description))
        .timestamp(instant(firstText(text(alert, "date_detected"), text(alert, "date_started"))))
        .link(link != null && link.regionMatches(true, 0, "http", 0, 4) ? SentryEvents.clip(link, ReportLimits.MAX_FIELD)
            : null);
    String fingerprint = "sentry-metric-" + id;
    switch (action) {
      case "critical":
        return Decision.store("metric_alert", action, report.severity(Severity.CRITICAL).fingerprint(fingerprint)
            .title("🚨 " + headline));
      case "warning":
        return Decision.store("metric_alert", action, report.severity(Severity.WARNING).fingerprint(fingerprint)
            .title("⚠️ " + headline));
      case "resolved":
        report.severity(Severity.INFO).title("✅ " + headline)
            .fingerprint(SentryEvents.clip(fingerprint + "-resolved-" + uniqueSuffix, ReportLimits.MAX_FINGERPRINT));
        return Decision.reply("metric_alert", action, report, fingerprint);
      default:
        return Decision.ignore("metric_alert", action);
    }
  }

  /** The issue an event belongs to: {@code issue_id}, or the number at the end of {@code issue_url}. */
  private static String issueId(JsonNode event) {
    String id = text(event, "issue_id");
    if (id != null) {
      return id;
    }
    String url = text(event, "issue_url");
    if (url != null) {
      String[] parts = url.replaceAll("/+$", "").split("/");
      return parts[parts.length - 1];
    }
    return firstText(text(event, "event_id"), "unknown");
  }

  private static String rules(JsonNode rules) {
    List<String> names = new ArrayList<>();
    rules.forEach(r -> names.add(r.asText()));
    return names.isEmpty() ? "" : ": " + String.join(", ", names);
  }

  private static Instant instant(String iso) {
    if (iso == null) {
      return null;
    }
    try {
      return Instant.parse(iso);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
