package dev.jahiz.receiver.sentry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jahiz.classify.ErrorClassifier;
import dev.jahiz.report.DeviceInfo;
import dev.jahiz.report.ErrorReport;
import dev.jahiz.report.ReportLimits;
import dev.jahiz.report.RequestContext;
import dev.jahiz.report.Severity;
import dev.jahiz.report.UserInfo;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Sentry event (the {@code event} of an alert, the {@code error} of an error webhook, the
 * {@code event} of the legacy plugin) as a Jahiz report: exception type and value, a readable trace
 * from Sentry's frames in the language's own layout, the top in-app frame as the location, level,
 * environment, release, project, tags, user, request, and a link to the issue.
 */
final class SentryEvents {
  static final String SOURCE = "sentry";
  private static final Pattern PROJECT_IN_URL = Pattern.compile("/projects/[^/]+/([^/]+)/");
  private static final Pattern EVENT_IN_URL = Pattern.compile("events/[^/]+/?$");

  private SentryEvents() {}

  /** The report for one event; {@code issueId} decides the fingerprint, so one issue's events group together. */
  static ErrorReport.Builder toReport(JsonNode event, String issueId) {
    List<JsonNode> chain = exceptions(event);
    JsonNode outermost = chain.isEmpty() ? null : chain.get(0);
    String type = outermost == null ? text(event.path("metadata"), "type") : text(outermost, "type");
    String value = outermost == null ? null : text(outermost, "value");
    String message = firstText(value, text(event.path("logentry"), "formatted"), text(event, "message"),
        text(event.path("metadata"), "value"), text(event, "title"));

    ErrorReport.Builder b = ErrorReport.builder()
        .source(SOURCE)
        .errorType(type)
        .errorMessage(message == null ? "(no message)" : clip(message, ReportLimits.MAX_MESSAGE))
        .severity(severity(text(event, "level")))
        .environment(firstText(text(event, "environment"), tag(event, "environment")))
        .appVersion(firstText(text(event, "release"), tag(event, "release")))
        .appName(project(event))
        .logger(text(event, "logger"))
        .sdk(sdk(event.path("sdk")))
        .timestamp(timestamp(event))
        .fingerprint(fingerprint(issueId))
        .link(issueUrl(text(event, "web_url")));
    String trace = trace(chain, text(event, "platform"));
    if (trace != null) {
      b.stacktrace(clip(trace, ReportLimits.MAX_STACKTRACE));
    }
    JsonNode top = topFrame(outermost);
    if (top != null) {
      b.fileName(firstText(text(top, "filename"), text(top, "abs_path"), text(top, "module")))
          .lineNumber(top.path("lineno").canConvertToInt() && top.path("lineno").asInt() >= 0
              ? top.path("lineno").asInt() : null)
          .functionName(text(top, "function"));
    }
    List<String> names = new ArrayList<>();
    for (JsonNode e : chain) {
      if (text(e, "type") != null) {
        names.add(text(e, "type"));
      }
    }
    b.errorClass(ErrorClassifier.classify(names, message));
    b.tags(tags(event.path("tags")));
    b.user(user(event.path("user")));
    b.context(request(event.path("request")));
    b.device(device(event.path("contexts")));
    Map<String, Object> metadata = new LinkedHashMap<>();
    putIfText(metadata, "sentry_event_id", text(event, "event_id"));
    putIfText(metadata, "culprit", text(event, "culprit"));
    b.metadata(metadata);
    return b;
  }

  /** Sentry lists chained exceptions oldest first; the outermost, the one shown, comes first here. */
  static List<JsonNode> exceptions(JsonNode event) {
    JsonNode values = event.path("exception").path("values");
    if (!values.isArray()) {
      values = event.path("exception");
    }
    List<JsonNode> out = new ArrayList<>();
    if (values.isArray()) {
      for (JsonNode v : values) {
        if (v.isObject()) {
          out.add(0, v);
        }
      }
    }
    return out;
  }

  static String fingerprint(String issueId) {
    return issueId == null ? null : clip("sentry-" + issueId, ReportLimits.MAX_FINGERPRINT);
  }

  static Severity severity(String level) {
    switch (level == null ? "" : level.toLowerCase(Locale.ROOT)) {
      case "fatal":
      case "critical":
        return Severity.CRITICAL;
      case "warning":
      case "warn":
        return Severity.WARNING;
      case "info":
      case "debug":
      case "sample":
        return Severity.INFO;
      default:
        return Severity.ERROR;
    }
  }

  /**
   * The trace as the event's language prints it, outermost exception first and each exception's
   * frames most recent call first, the app's own frames ahead of library frames.
   */
  static String trace(List<JsonNode> chain, String platform) {
    StringBuilder out = new StringBuilder();
    boolean python = "python".equals(platform);
    for (int i = 0; i < chain.size(); i++) {
      JsonNode e = chain.get(i);
      String header = join(text(e, "type"), text(e, "value"));
      if (header == null) {
        continue;
      }
      if (i > 0) {
        out.append("Caused by: ");
      }
      out.append(header).append('\n');
      List<JsonNode> frames = new ArrayList<>();
      JsonNode list = e.path("stacktrace").path("frames");
      for (JsonNode f : list) {
        frames.add(0, f);
      }
      List<JsonNode> ordered = new ArrayList<>();
      for (JsonNode f : frames) {
        if (f.path("in_app").asBoolean(false)) {
          ordered.add(f);
        }
      }
      for (JsonNode f : frames) {
        if (!f.path("in_app").asBoolean(false)) {
          ordered.add(f);
        }
      }
      for (JsonNode f : ordered) {
        out.append(python ? pythonFrame(f) : frame(f)).append('\n');
      }
    }
    return out.length() == 0 ? null : out.toString();
  }

  private static String pythonFrame(JsonNode f) {
    String file = firstText(text(f, "abs_path"), text(f, "filename"), text(f, "module"), "?");
    StringBuilder line = new StringBuilder("  File \"").append(file).append('"');
    if (f.path("lineno").canConvertToInt()) {
      line.append(", line ").append(f.path("lineno").asInt());
    }
    line.append(", in ").append(firstText(text(f, "function"), "?"));
    String context = text(f, "context_line");
    if (context != null) {
      line.append("\n    ").append(context.trim());
    }
    return line.toString();
  }

  /** {@code at function (file:line:column)}, as Java and JavaScript stacks read. */
  private static String frame(JsonNode f) {
    String function = firstText(text(f, "function"), "?");
    String module = text(f, "module");
    String file = firstText(text(f, "filename"), text(f, "abs_path"), module, "?");
    StringBuilder line = new StringBuilder("    at ");
    if (module != null && "java".equals(text(f, "platform"))) {
      line.append(module).append('.');
    }
    line.append(function).append(" (").append(file);
    if (f.path("lineno").canConvertToInt()) {
      line.append(':').append(f.path("lineno").asInt());
      if (f.path("colno").canConvertToInt()) {
        line.append(':').append(f.path("colno").asInt());
      }
    }
    return line.append(')').toString();
  }

  /** The most recent in-app frame, or the most recent frame when none is marked in-app. */
  static JsonNode topFrame(JsonNode exception) {
    if (exception == null) {
      return null;
    }
    JsonNode frames = exception.path("stacktrace").path("frames");
    JsonNode last = null;
    JsonNode lastInApp = null;
    for (JsonNode f : frames) {
      last = f;
      if (f.path("in_app").asBoolean(false)) {
        lastInApp = f;
      }
    }
    return lastInApp != null ? lastInApp : last;
  }

  /** The issue's page from an event's page: {@code .../issues/42/events/abc/} → {@code .../issues/42/}. */
  static String issueUrl(String webUrl) {
    if (webUrl == null || !webUrl.regionMatches(true, 0, "http", 0, 4)) {
      return null;
    }
    return clip(EVENT_IN_URL.matcher(webUrl).replaceFirst(""), ReportLimits.MAX_FIELD);
  }

  /** The project's slug, from the event's API URL when the event has only the project's number. */
  private static String project(JsonNode event) {
    JsonNode project = event.path("project");
    if (project.isTextual() && !project.asText().isBlank() && !project.asText().matches("\\d+")) {
      return project.asText();
    }
    String url = text(event, "url");
    if (url != null) {
      Matcher m = PROJECT_IN_URL.matcher(url);
      if (m.find()) {
        return m.group(1);
      }
    }
    return project.canConvertToLong() ? "sentry-project-" + project.asText() : null;
  }

  private static String sdk(JsonNode sdk) {
    String name = text(sdk, "name");
    return name == null ? null : name + (text(sdk, "version") == null ? "" : "/" + text(sdk, "version"));
  }

  private static Instant timestamp(JsonNode event) {
    JsonNode ts = event.path("timestamp");
    if (ts.isNumber()) {
      double seconds = ts.asDouble();
      return Instant.ofEpochMilli((long) (seconds * 1000));
    }
    String text = firstText(ts.isTextual() ? ts.asText() : null, text(event, "datetime"));
    if (text != null) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }

  /** Sentry sends tags as {@code [["key", "value"], ...]} (or, older, as an object). */
  static Map<String, String> tags(JsonNode tags) {
    Map<String, String> out = new LinkedHashMap<>();
    if (tags.isArray()) {
      for (JsonNode pair : tags) {
        if (pair.isArray() && pair.size() == 2) {
          putTag(out, pair.get(0).asText(), pair.get(1).asText());
        } else if (pair.isObject()) {
          putTag(out, pair.path("key").asText(), pair.path("value").asText());
        }
      }
    } else if (tags.isObject()) {
      tags.fields().forEachRemaining(e -> putTag(out, e.getKey(), e.getValue().asText()));
    }
    return out;
  }

  private static void putTag(Map<String, String> out, String key, String value) {
    if (key.isEmpty() || key.length() > ReportLimits.MAX_TAG_KEY || out.size() >= ReportLimits.MAX_TAGS) {
      return;
    }
    out.put(key, clip(value, ReportLimits.MAX_TAG_VALUE));
  }

  private static String tag(JsonNode event, String key) {
    return tags(event.path("tags")).get(key);
  }

  private static UserInfo user(JsonNode user) {
    if (!user.isObject()) {
      return null;
    }
    return UserInfo.builder()
        .userId(field(user, "id"))
        .username(field(user, "username"))
        .email(field(user, "email"))
        .ipAddress(field(user, "ip_address"))
        .build();
  }

  private static RequestContext request(JsonNode request) {
    if (!request.isObject()) {
      return null;
    }
    return RequestContext.builder()
        .requestUrl(field(request, "url"))
        .requestMethod(field(request, "method"))
        .build();
  }

  private static DeviceInfo device(JsonNode contexts) {
    JsonNode os = contexts.path("os");
    if (!os.isObject()) {
      return null;
    }
    return DeviceInfo.builder().os(field(os, "name")).osVersion(field(os, "version")).build();
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.path(field);
    if (v == null || !(v.isTextual() || v.isNumber())) {
      return null;
    }
    String s = v.asText();
    return s.isBlank() ? null : s;
  }

  private static String field(JsonNode node, String name) {
    return clip(text(node, name), ReportLimits.MAX_FIELD);
  }

  static String firstText(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }

  private static String join(String type, String value) {
    if (type == null) {
      return value;
    }
    return value == null ? type : type + ": " + value;
  }

  private static void putIfText(Map<String, Object> map, String key, String value) {
    if (value != null) {
      map.put(key, clip(value, ReportLimits.MAX_FIELD));
    }
  }

  static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
