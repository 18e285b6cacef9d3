package dev.jahiz.telegram;

import dev.jahiz.classify.ErrorClass;
import dev.jahiz.fingerprint.JavaScriptFrames;
import dev.jahiz.fingerprint.StackFrames;
import dev.jahiz.report.DeviceInfo;
import dev.jahiz.report.ErrorReport;
import dev.jahiz.report.RequestContext;
import dev.jahiz.report.UserInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a report as a Bot API HTML message that always fits: at most {@link
 * TelegramMessage#MAX_LENGTH} visible characters, only tags the Bot API supports, every user
 * character escaped, never cut inside a tag, an entity or a surrogate pair.
 *
 * <p>What does not fit is shed in order of least use to the reader: first long field values, then
 * metadata and tags, and the stack trace is shown with runs of framework frames folded into one
 * line, then trimmed to its first frames, every {@code Caused by:} line and the application's own
 * frames. The full trace stays in the report (and in the document attachment when enabled).
 */
public final class TelegramRenderer {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** How hard to squeeze the fields around the trace: level 0 shows most, the last level least. */
  private static final int[] FIELD_MAX = {300, 150, 80, 40};
  private static final int[] MESSAGE_MAX = {1500, 800, 300, 120};
  private static final int[] METADATA_MAX = {20, 8, 3, 0};
  private static final int[] TAGS_MAX = {30, 12, 4, 0};
  /** Room the trace should keep when there is one, before squeezing the fields harder. */
  private static final int TRACE_ROOM = 1200;
  private static final int TRACE_LINE_MAX = 300;
  private static final int FIRST_FRAMES = 8;
  private static final int FRAMES_AFTER_CAUSE = 3;
  /** Shorter runs of framework frames are shown as they are: a fold line would not save room. */
  private static final int FOLD_MIN = 3;

  private final StackFrames frames;

  private TelegramRenderer(StackFrames frames) {
    this.frames = frames;
  }

  public static TelegramRenderer byDefault() {
    return new TelegramRenderer(StackFrames.byDefault());
  }

  /** Application frames of these packages are kept first when a trace is trimmed. */
  public static TelegramRenderer create(StackFrames frames) {
    return new TelegramRenderer(frames);
  }

  public TelegramMessage render(ErrorReport report) {
    return render(report, null);
  }

  /** As {@link #render(ErrorReport)}, with {@code note} (when not null) in bold above everything else. */
  public TelegramMessage render(ErrorReport report, String note) {
    String trace = blankToNull(report.stacktrace());
    HtmlText fields = null;
    for (int level = 0; level < FIELD_MAX.length; level++) {
      fields = new HtmlText();
      if (note != null) {
        fields.bold(clip(note, FIELD_MAX[level])).newline();
      }
      fields.append(fields(report, level));
      int room = TelegramMessage.MAX_LENGTH - fields.visibleLength();
      if (trace == null ? room >= 0 : room >= Math.min(TRACE_ROOM, trace.length() + 2)) {
        break;
      }
    }
    HtmlText message = new HtmlText().append(fields);
    String fullTrace = null;
    if (trace != null) {
      int budget = TelegramMessage.MAX_LENGTH - fields.visibleLength() - 2;
      if (budget > 80) {
        String shown = trace.length() <= budget ? trace : trim(fold(trace), budget);
        if (!shown.equals(trace)) {
          fullTrace = trace;
        }
        message.newline()
            .tag("<pre><code class=\"language-" + language(trace) + "\">")
            .text(shown)
            .tag("</code></pre>");
      } else {
        fullTrace = trace;
      }
    }
    return new TelegramMessage(message.html(), message.plain(), fullTrace);
  }

  private HtmlText fields(ErrorReport r, int level) {
    int max = FIELD_MAX[level];
    HtmlText t = new HtmlText();

    t.text(r.severity().indicator() + " ").bold(r.severity().wireName().toUpperCase(Locale.ROOT));
    if (r.appName() != null) {
      t.text(" · ").bold(clip(r.appName(), max));
    }
    if (r.appVersion() != null) {
      t.text(" " + clip(r.appVersion(), max));
    }
    if (r.environment() != null) {
      t.text(" · ").text(clip(r.environment(), max));
    }
    t.newline();

    if (r.title() != null) {
      t.bold(clip(r.title(), max)).newline();
    }
    if (r.errorType() != null) {
      t.bold(clip(r.errorType(), max)).text(": ");
    }
    t.text(clip(r.errorMessage(), MESSAGE_MAX[level])).newline();
    if (r.logMessage() != null) {
      t.append(label("Logged").italic(clip(r.logMessage(), MESSAGE_MAX[level] / 2))).newline();
    }

    List<HtmlText> lines = new ArrayList<>();
    if (r.occurrences() > 1) {
      lines.add(label("Repeated").text(occurrences(r)));
    }
    if (r.fromPreviousRun()) {
      lines.add(label("Delayed").text("from a previous run, first seen "
          + TIME.format(r.firstSeen() != null ? r.firstSeen() : r.timestamp())));
    }
    if (r.droppedSinceLast() > 0) {
      lines.add(label("Dropped").text(r.droppedSinceLast() + " report" + (r.droppedSinceLast() == 1 ? "" : "s")
          + " dropped since the last message (queue full)"));
    }
    if (r.serviceName() != null) {
      lines.add(label("Service").text(clip(r.serviceName(), max)));
    }
    if (r.component() != null) {
      lines.add(label("Component").text(clip(r.component(), max)));
    }
    if (r.errorCode() != null) {
      lines.add(label("Code").code(clip(r.errorCode(), max)));
    }
    // A report relayed from another tracker (Sentry) names the frame that tracker judged the app's own.
    JavaScriptFrames.Frame thrown = r.source() == null && isJavaScript(r.stacktrace())
        ? JavaScriptFrames.whereThrown(r.stacktrace()) : null;
    if (thrown != null) {
      // A browser SDK names the first frame, often a library's; the page's own code is where to look.
      HtmlText where = label("Where").code(clip(thrown.position(), max));
      if (thrown.function() != null) {
        where.text(" in ").code(clip(thrown.function(), max));
      }
      lines.add(where);
    } else if (r.fileName() != null || r.functionName() != null) {
      HtmlText where = label("Where");
      if (r.fileName() != null) {
        where.code(clip(JavaScriptFrames.shorten(r.fileName()), max)
            + (r.lineNumber() == null ? "" : ":" + r.lineNumber()));
      }
      if (r.functionName() != null) {
        where.text(r.fileName() == null ? "" : " in ").code(clip(r.functionName(), max));
      }
      lines.add(where);
    }
    if (r.thread() != null) {
      lines.add(label("Thread").text(clip(r.thread(), max)));
    }
    if (r.logger() != null && !r.logger().equals(r.component())) {
      lines.add(label("Logger").text(clip(r.logger(), max)));
    }
    RequestContext c = r.context();
    if (c != null && !c.isEmpty()) {
      HtmlText request = label("Request");
      List<String> parts = new ArrayList<>();
      if (c.requestMethod() != null) {
        parts.add(clip(c.requestMethod(), 16));
      }
      if (c.requestUrl() != null) {
        parts.add(clip(c.requestUrl(), max));
      }
      request.text(String.join(" ", parts));
      if (c.responseStatus() != null) {
        request.text((parts.isEmpty() ? "" : " → ") + c.responseStatus());
      }
      lines.add(request);
      if (level == 0 && !c.queryParams().isEmpty()) {
        lines.add(label("Query").text(clip(pairs(c.queryParams()), max)));
      }
      if (level == 0 && c.requestBody() != null) {
        lines.add(label("Body").code(clip(c.requestBody(), max)));
      }
      if (level == 0 && c.responseBody() != null) {
        lines.add(label("Response").code(clip(c.responseBody(), max)));
      }
    }
    UserInfo u = r.user();
    if (u != null && !u.isEmpty()) {
      List<String> parts = new ArrayList<>();
      addIf(parts, "id ", u.userId(), max);
      addIf(parts, "", u.username(), max);
      addIf(parts, "", u.email(), max);
      addIf(parts, "session ", u.sessionId(), max);
      addIf(parts, "ip ", u.ipAddress(), max);
      lines.add(label("User").text(String.join(" · ", parts)));
    }
    DeviceInfo d = r.device();
    if (d != null && !d.isEmpty()) {
      List<String> parts = new ArrayList<>();
      addIf(parts, "", d.hostname(), max);
      // A browser SDK puts the user agent where a server puts its OS version.
      String userAgent = UserAgents.isUserAgent(d.osVersion()) ? d.osVersion() : null;
      String os = userAgent != null ? d.os() : join(d.os(), d.osVersion());
      addIf(parts, "", os, max);
      addIf(parts, "", d.architecture(), max);
      addIf(parts, "ip ", d.ipAddress(), max);
      addPercent(parts, "CPU", d.cpuUsage());
      addPercent(parts, "RAM", d.memoryUsage());
      addPercent(parts, "Disk", d.diskUsage());
      if (!parts.isEmpty()) {
        lines.add(label(userAgent != null ? "Device" : "Host").text(String.join(" · ", parts)));
      }
      if (userAgent != null) {
        String browser = UserAgents.browser(userAgent);
        HtmlText line = label("Browser");
        if (browser != null) {
          line.text(browser + " · ");
        }
        lines.add(line.code(clip(userAgent, level == 0 ? max : Math.min(max, 80))));
      }
      if (d.jvmVersion() != null || d.uptimeSeconds() != null) {
        List<String> jvm = new ArrayList<>();
        addIf(jvm, "Java ", d.jvmVersion(), max);
        if (d.uptimeSeconds() != null) {
          jvm.add("up " + human(Duration.ofSeconds(d.uptimeSeconds())));
        }
        lines.add(label("JVM").text(String.join(" · ", jvm)));
      }
    }
    for (HtmlText line : lines) {
      t.append(line).newline();
    }
    if (r.link() != null && r.link().regionMatches(true, 0, "http", 0, 4)) {
      t.text("🔗 ").link(r.link(), r.source() == null ? "View details" : "View in " + displayName(r.source()))
          .newline();
    }

    int metadataShown = 0;
    for (Map.Entry<String, Object> e : r.metadata().entrySet()) {
      if (metadataShown == METADATA_MAX[level]) {
        t.italic("… " + (r.metadata().size() - metadataShown) + " more metadata").newline();
        break;
      }
      t.text("• ").text(clip(e.getKey(), 64) + ": ").code(clip(String.valueOf(e.getValue()), max)).newline();
      metadataShown++;
    }

    List<String> hashtags = new ArrayList<>();
    boolean classTag = hasClassTag(r);
    if (classTag) {
      // Shown whenever there was a failure to classify: it is how a chat is searched by kind of
      // failure (#timeout_error); a message logged without any exception has no kind to search by.
      hashtags.add("#" + r.errorClass().wireName());
    }
    for (Map.Entry<String, String> e : r.tags().entrySet()) {
      if (hashtags.size() >= TAGS_MAX[level] + (classTag ? 1 : 0)) {
        break;
      }
      String tag = hashtag(e.getKey(), e.getValue());
      if (tag != null) {
        hashtags.add(tag);
      }
    }
    if (!hashtags.isEmpty()) {
      t.text(String.join(" ", hashtags)).newline();
    }

    HtmlText footer = new HtmlText().text(TIME.format(r.timestamp()));
    if (r.source() != null) {
      footer.text(" · via ").text(displayName(clip(r.source(), 40)));
    }
    if (r.eventId() != null) {
      footer.text(" · ").text(clip(r.eventId(), 40));
    }
    t.italic(footer.plain());
    return t;
  }

  /** {@code sentry} → {@code Sentry}. */
  private static String displayName(String source) {
    return source.isEmpty() ? source : source.substring(0, 1).toUpperCase(Locale.ROOT) + source.substring(1);
  }

  private static HtmlText label(String name) {
    return new HtmlText().bold(name + ":").text(" ");
  }

  private static String occurrences(ErrorReport r) {
    String count = String.format(Locale.ROOT, "×%,d", r.occurrences());
    if (r.firstSeen() == null) {
      return count;
    }
    Duration span = Duration.between(r.firstSeen(), r.timestamp());
    if (span.isNegative()) {
      span = Duration.ZERO;
    }
    String when = span.getSeconds() < 1 ? " within a second" : " in the last " + human(span);
    return count + when + " (first at " + CLOCK.format(r.firstSeen()) + ")";
  }

  static String human(Duration d) {
    long s = Math.max(0, d.getSeconds());
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return (s / 60) + " min";
    }
    if (s < 86_400) {
      return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
    return (s / 86_400) + " d " + (s % 86_400 / 3600) + " h";
  }

  /**
   * A clickable hashtag: Telegram only links letters, digits and underscores, so {@code
   * team=backend-eu} becomes {@code #team_backend_eu}; a tag without value is just {@code #name}.
   */
  /** An unknown class is worth a hashtag only when there was an exception it failed to classify. */
  private static boolean hasClassTag(ErrorReport r) {
    return r.errorClass() != null && (r.errorClass() != ErrorClass.UNKNOWN_ERROR || r.errorType() != null);
  }

  static String hashtag(String key, String value) {
    String raw = value == null || value.isEmpty() ? key : key + "_" + value;
    StringBuilder out = new StringBuilder("#");
    boolean underscore = false;
    for (int i = 0; i < raw.length() && out.length() < 64; ) {
      int cp = raw.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetterOrDigit(cp)) {
        out.appendCodePoint(cp);
        underscore = false;
      } else if (!underscore && out.length() > 1) {
        out.append('_');
        underscore = true;
      }
    }
    while (out.length() > 1 && out.charAt(out.length() - 1) == '_') {
      out.setLength(out.length() - 1);
    }
    return out.length() > 1 ? out.toString() : null;
  }

  /**
   * Keeps what a reader needs from a trace that does not fit: the first line and frames, every
   * {@code Caused by:} / {@code Suppressed:} line with the frames after it, then the application's
   * own frames; gaps are marked with how many lines they hide.
   */
  String trim(String trace, int budget) {
    if (trace.length() <= budget) {
      return trace;
    }
    String[] lines = trace.split("\r?\n", -1);
    List<Integer> priority = new ArrayList<>();
    for (int i = 0; i < Math.min(lines.length, FIRST_FRAMES + 1); i++) {
      priority.add(i);
    }
    for (int i = 1; i < lines.length; i++) {
      if (isCauseHeader(lines[i])) {
        priority.add(i);
        for (int j = i + 1; j < Math.min(lines.length, i + 1 + FRAMES_AFTER_CAUSE); j++) {
          priority.add(j);
        }
      }
    }
    for (int i = 1; i < lines.length; i++) {
      if (isApplicationFrame(lines[i])) {
        priority.add(i);
      }
    }
    // The last lines of a Python trace hold the exception itself.
    for (int i = Math.max(0, lines.length - 3); i < lines.length; i++) {
      priority.add(i);
    }

    String footer = "… trimmed: %d of " + lines.length + " lines shown";
    int marker = 32;
    int used = footer.length() + 12;
    boolean[] keep = new boolean[lines.length];
    for (int i : priority) {
      if (keep[i]) {
        continue;
      }
      int cost = Math.min(lines[i].length(), TRACE_LINE_MAX) + 1 + marker;
      if (used + cost > budget) {
        continue;
      }
      keep[i] = true;
      used += cost;
    }
    StringBuilder out = new StringBuilder();
    int shown = 0;
    int hidden = 0;
    for (int i = 0; i < lines.length; i++) {
      if (keep[i]) {
        if (hidden > 0) {
          out.append("\t… ").append(hidden).append(" lines\n");
          hidden = 0;
        }
        out.append(HtmlText.clip(lines[i], TRACE_LINE_MAX)).append('\n');
        shown++;
      } else {
        hidden++;
      }
    }
    if (hidden > 0) {
      out.append("\t… ").append(hidden).append(" lines\n");
    }
    out.append(String.format(Locale.ROOT, footer, shown));
    return out.toString();
  }

  /**
   * The trace with every run of {@value #FOLD_MIN} or more consecutive frames that are not the
   * application's (Spring, Tomcat, reflection, proxies…) replaced by one line saying how many, so
   * that the application's frames and every {@code Caused by:} fit the message. The first frame of
   * each exception, where it was thrown, is always shown.
   */
  String fold(String trace) {
    String[] lines = trace.split("\r?\n", -1);
    StringBuilder out = new StringBuilder(trace.length() / 2);
    int runStart = -1;
    boolean previousWasFrame = false;
    for (int i = 0; i <= lines.length; i++) {
      String line = i < lines.length ? lines[i] : null;
      boolean frame = line != null && line.trim().startsWith("at ");
      boolean foldable = frame && previousWasFrame && !isApplicationFrame(line);
      if (foldable) {
        if (runStart < 0) {
          runStart = i;
        }
      } else {
        if (runStart >= 0) {
          appendRun(out, lines, runStart, i);
          runStart = -1;
        }
        if (line != null) {
          out.append(line).append('\n');
        }
      }
      previousWasFrame = frame;
    }
    return out.length() > 0 ? out.substring(0, out.length() - 1) : "";
  }

  private static void appendRun(StringBuilder out, String[] lines, int from, int to) {
    if (to - from < FOLD_MIN) {
      for (int i = from; i < to; i++) {
        out.append(lines[i]).append('\n');
      }
      return;
    }
    String indent = lines[from].substring(0, lines[from].indexOf("at "));
    out.append(indent).append("… ").append(to - from).append(" framework frames\n");
  }

  private static boolean isCauseHeader(String line) {
    String s = line.trim();
    return s.startsWith("Caused by:") || s.startsWith("Suppressed:")
        || s.startsWith("During handling of the above exception")
        || s.startsWith("The above exception was the direct cause");
  }

  private boolean isApplicationFrame(String line) {
    JavaScriptFrames.Frame js = JavaScriptFrames.parse(line);
    if (js != null) {
      return js.kind() == JavaScriptFrames.Kind.APPLICATION;
    }
    String s = line.trim();
    if (!s.startsWith("at ")) {
      return s.startsWith("File \"");
    }
    int paren = s.indexOf('(');
    String method = paren < 0 ? s.substring(3) : s.substring(3, paren);
    int slash = method.lastIndexOf('/');
    if (slash >= 0) {
      method = method.substring(slash + 1);
    }
    int dot = method.lastIndexOf('.');
    return dot > 0 && frames.isApplicationClass(method.substring(0, dot));
  }

  private static String language(String trace) {
    if (trace.startsWith("Traceback") || trace.contains("\n  File \"")) {
      return "python";
    }
    return isJavaScript(trace) ? "javascript" : "java";
  }

  private static boolean isJavaScript(String trace) {
    return trace != null && JavaScriptFrames.recognizes(trace);
  }

  private static void addIf(List<String> parts, String prefix, String value, int max) {
    if (value != null && !value.isBlank()) {
      parts.add(prefix + clip(value, max));
    }
  }

  private static void addPercent(List<String> parts, String name, Double value) {
    if (value != null && !value.isNaN()) {
      parts.add(name + " " + String.format(Locale.ROOT, "%.0f%%", value));
    }
  }

  private static String join(String a, String b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : a + " " + b;
  }

  private static String pairs(Map<String, String> map) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> e : map.entrySet()) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(e.getKey()).append('=').append(e.getValue());
    }
    return out.toString();
  }

  private static String clip(String s, int max) {
    return HtmlText.clip(s, max);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
