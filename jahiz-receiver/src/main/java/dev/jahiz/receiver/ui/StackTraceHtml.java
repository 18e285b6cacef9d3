package dev.jahiz.receiver.ui;

import dev.jahiz.fingerprint.StackFrames;

/**
 * A full stack trace for the group page: the application's frames highlighted, runs of three or more
 * framework frames folded into a {@code <details>} the reader can open, {@code Caused by:} lines bold.
 */
final class StackTraceHtml {
  private static final int FOLD_MIN = 3;
  private static final StackFrames FRAMES = StackFrames.byDefault();

  private StackTraceHtml() {}

  static String render(String trace) {
    StringBuilder out = new StringBuilder("<div class=\"trace\">");
    StringBuilder run = new StringBuilder();
    int runLength = 0;
    for (String line : trace.split("\\R")) {
      String className = frameClass(line);
      if (className != null && !FRAMES.isApplicationClass(className)) {
        run.append("<span class=\"frame\">").append(Html.esc(line)).append("</span>\n");
        runLength++;
        continue;
      }
      out.append(fold(run, runLength));
      run.setLength(0);
      runLength = 0;
      String css = className != null ? "frame app" : line.startsWith("Caused by:") ? "cause" : "line";
      out.append("<span class=\"").append(css).append("\">").append(Html.esc(line)).append("</span>\n");
    }
    return out.append(fold(run, runLength)).append("</div>").toString();
  }

  private static String fold(StringBuilder run, int length) {
    if (length == 0) {
      return "";
    }
    if (length < FOLD_MIN) {
      return run.toString();
    }
    return "<details class=\"fold\"><summary>" + length + " framework frames</summary>" + run + "</details>";
  }

  /** {@code com.acme.Billing} of {@code at com.acme.Billing.charge(Billing.java:42)}; null for other lines. */
  static String frameClass(String line) {
    String t = line.strip();
    if (!t.startsWith("at ")) {
      return null;
    }
    int paren = t.indexOf('(');
    String method = paren < 0 ? t.substring(3) : t.substring(3, paren);
    int slash = method.lastIndexOf('/');
    method = slash < 0 ? method : method.substring(slash + 1); // module/java.base@17/...
    int dot = method.lastIndexOf('.');
    return dot < 0 ? null : method.substring(0, dot);
  }
}
