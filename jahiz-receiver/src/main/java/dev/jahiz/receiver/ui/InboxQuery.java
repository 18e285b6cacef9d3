package dev.jahiz.receiver.ui;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inbox's filters, sort and page, read from and written back to the URL so a filtered view can
 * be shared. Unknown values fall back to the defaults rather than failing the page.
 */
public record InboxQuery(String app, String environment, String severity, String state, String text, String sort,
    int page) {
  public static final List<String> SORTS = List.of("recent", "frequent", "new", "oldest");
  public static final List<String> STATES = List.of("open", "resolved", "muted");
  public static final List<String> SEVERITIES = List.of("critical", "error", "warning", "info");
  public static final int PAGE_SIZE = 50;

  public static InboxQuery from(Context ctx) {
    String sort = param(ctx, "sort");
    String state = param(ctx, "state");
    String severity = param(ctx, "severity");
    int page;
    try {
      page = Math.max(1, Math.min(10_000, Integer.parseInt(String.valueOf(param(ctx, "page")))));
    } catch (NumberFormatException e) {
      page = 1;
    }
    return new InboxQuery(param(ctx, "app"), param(ctx, "env"), oneOf(SEVERITIES, severity, null),
        oneOf(STATES, state, null), param(ctx, "q"), oneOf(SORTS, sort, "recent"), page);
  }

  private static String oneOf(List<String> allowed, String value, String fallback) {
    return value != null && allowed.contains(value) ? value : fallback;
  }

  private static String param(Context ctx, String name) {
    String v = ctx.queryParam(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  public int offset() {
    return (page - 1) * PAGE_SIZE;
  }

  /** This view's URL with {@code name} set to {@code value} (null removes it); changing a filter goes to page 1. */
  public String with(String name, String value) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("app", app);
    p.put("env", environment);
    p.put("severity", severity);
    p.put("state", state);
    p.put("q", text);
    p.put("sort", "recent".equals(sort) ? null : sort);
    p.put("page", page == 1 ? null : Integer.toString(page));
    if (!name.equals("page")) {
      p.put("page", null);
    }
    p.put(name, value);
    StringBuilder url = new StringBuilder("/ui");
    char sep = '?';
    for (Map.Entry<String, String> e : p.entrySet()) {
      if (e.getValue() != null) {
        url.append(sep).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        sep = '&';
      }
    }
    return url.toString();
  }
}
