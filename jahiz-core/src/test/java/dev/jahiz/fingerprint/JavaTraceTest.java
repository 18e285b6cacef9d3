package dev.jahiz.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The JVM trace reader reads frames by hand; these lines are the odd ones a regex read before
 * (module and class-loader prefixes, hidden classes, mixed indents), checked against that regex.
 */
class JavaTraceTest {
  /** The regex the reader used to be, as the reference for what a frame line is. */
  private static final Pattern FRAME = Pattern.compile("^(\\s*)at\\s+(?:[^/\\s(]*/(?!0x))*([^\\s(]+)\\.([^.\\s(]+)\\(");

  private static final String TRACE = String.join("\n",
      "java.lang.IllegalStateException: boom",
      "\tat com.example.checkout.Payment.charge(Payment.java:10)",
      "\tat java.base/java.util.concurrent.FutureTask.run(FutureTask.java:317)",
      "\tat app//com.example.checkout.Loader.load(Loader.java:3)",
      "\tat com.example.Gen$$Lambda/0x0000000800c0b000.apply(Unknown Source)",
      "\tat java.base/jdk.internal.Hidden$$Lambda/0x12.run(Unknown Source)\r",
      "\tat   com.example.Spaces.twice(Spaces.java:1)",
      "    at com.example.OtherIndent.skipped(OtherIndent.java:1)",
      "\tat notaframe",
      "\tat com.example.NoParen.method",
      "\tat a.b/c(X.java:1)",
      "\tat .leadingDot(X.java:1)",
      "\tat com.example.trailing.(X.java:1)",
      "\tat\tcom.example.Tab.after(Tab.java:1)",
      "\tatcom.example.NoSpace.m(X.java:1)",
      "\t... 12 more",
      "\tSuppressed: java.io.IOException: closing",
      "\t\tat com.example.Suppressed.close(Suppressed.java:5)",
      "Caused by: java.net.SocketTimeoutException: read timed out",
      "        at com.example.net.Client.read(Client.java:7)",
      "        at com.example.net.Client.read2(Client.java:8)",
      "\tat com.example.net.Other.indent(Other.java:9)",
      "Caused by: java.lang.Error",
      "at com.example.NoIndent.m(NoIndent.java:1)",
      "");

  @Test
  void readsTheSameFramesAsTheRegexDid() {
    StackFrames rules = StackFrames.forApplicationPackages(List.of("com.example"));
    List<List<String>> read = names(new JavaTrace().exceptions(TRACE, rules));

    assertThat(read).isEqualTo(byRegex(TRACE, rules));
    assertThat(read.get(0)).contains("com.example.checkout.Payment.charge", "com.example.checkout.Loader.load",
        "com.example.Spaces.twice", "com.example.Tab.after", "a.b/c");
    assertThat(read.get(0)).noneMatch(n -> n.contains("OtherIndent") || n.contains("Suppressed"));
    assertThat(read.get(1)).containsExactly("com.example.net.Client.read", "com.example.net.Client.read2");
    assertThat(read.get(2)).containsExactly("com.example.NoIndent.m");
  }

  private static List<List<String>> names(List<List<TraceFrame>> exceptions) {
    List<List<String>> out = new ArrayList<>();
    for (List<TraceFrame> frames : exceptions) {
      out.add(frames.stream().map(TraceFrame::name).toList());
    }
    return out;
  }

  /** The reader as it was, line by line with the regex. */
  private static List<List<String>> byRegex(String trace, StackFrames rules) {
    List<List<String>> exceptions = new ArrayList<>();
    List<String> frames = new ArrayList<>();
    exceptions.add(frames);
    String indent = null;
    boolean suppressed = false;
    for (String raw : trace.split("\n", -1)) {
      String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
      if (line.startsWith("Caused by:")) {
        frames = new ArrayList<>();
        exceptions.add(frames);
        indent = null;
        suppressed = false;
        continue;
      }
      if (suppressed || line.trim().startsWith("Suppressed:")) {
        suppressed = true;
        continue;
      }
      Matcher m = FRAME.matcher(line);
      if (!m.lookingAt()) {
        continue;
      }
      if (indent == null) {
        indent = m.group(1);
      } else if (!indent.equals(m.group(1))) {
        continue;
      }
      frames.add(rules.frame(m.group(2), m.group(3)).name());
    }
    return exceptions;
  }
}
