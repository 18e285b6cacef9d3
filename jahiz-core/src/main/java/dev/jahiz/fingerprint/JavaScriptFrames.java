package dev.jahiz.fingerprint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Frames of a JavaScript {@code error.stack}, as Chrome, Edge and Node print them
 * ({@code at fn (https://app/x.js:1:2)}, {@code at https://app/x.js:1:2}) and as Firefox and Safari
 * do ({@code fn@https://app/x.js:1:2}), for grouping, the "Where" line and the trace display.
 *
 * <p>Grouping has to work without source maps, on bundles whose names carry a content hash
 * ({@code app.3f9a1c.js}, {@code index-BdK3x9_z.js}) and whose code is minified onto one line. A
 * frame is named by its file, without origin, query and content hash, and by its function when the
 * function has a readable name (method names survive minification, so the same bug groups across
 * releases); a minified name ({@code t}, {@code Jt}) or an anonymous function is replaced by the
 * line and column, which are stable for the same bug in the same release and change with the next.
 */
public final class JavaScriptFrames {
  /** Whose code a frame is. */
  public enum Kind {
    APPLICATION,
    /** Dependencies: node_modules, vendor and framework chunks. */
    LIBRARY,
    /** Not code of the page: the engine's own frames, browser extensions, Node's internals. */
    IGNORED
  }

  /** Lines longer than this are no frame: parsing stays cheap on whatever text a report carries. */
  private static final int MAX_LINE = 2048;
  private static final Pattern ORIGIN = Pattern.compile("^[a-z][a-z0-9+.-]*://[^/]*", Pattern.CASE_INSENSITIVE);
  /** A content hash in a bundle's name: {@code .3f9a1c2b.} (hex) or {@code -BdK3x9_z.} (Vite/Rollup). */
  private static final Pattern CONTENT_HASH = Pattern.compile(
      "[.-](?:(?=[0-9a-f]*[0-9])[0-9a-f]{6,32}|(?=[A-Za-z0-9_]*[0-9A-Z])[A-Za-z0-9_-]{8})(?=(?:\\.chunk)?\\.m?js$)");
  private static final List<String> LIBRARY_MARKERS = List.of("/node_modules/", "/vendor", "/vendors", "vendors~",
      "vendors-", "chunk-vendors", "/framework-", "/polyfills", "/@vite/", "/@react-refresh", "webpack/bootstrap",
      "webpack-internal:", "/react-dom", "/zone.js");
  private static final List<String> IGNORED_PREFIXES = List.of("chrome-extension:", "moz-extension:",
      "safari-extension:", "safari-web-extension:", "node:", "internal/", "<anonymous>", "native", "[native code]",
      "eval at ", "debugger eval code");

  private JavaScriptFrames() {}

  /** One parsed frame; {@code function} is null for an anonymous one. */
  public static final class Frame {
    private final String function;
    private final String file;
    private final int line;
    private final int column;
    private final Kind kind;

    private Frame(String function, String file, int line, int column) {
      this.function = function;
      this.file = file;
      this.line = line;
      this.column = column;
      this.kind = kindOf(file);
    }

    public String function() {
      return function;
    }

    /** The location as the engine printed it: a URL, a path, or {@code <anonymous>}. */
    public String file() {
      return file;
    }

    /** 0 when the engine gave no position. */
    public int line() {
      return line;
    }

    public int column() {
      return column;
    }

    public Kind kind() {
      return kind;
    }

    /** The file as a reader wants it: its path on the site ({@code /static/js/app.3f9a1c.js}), no origin or query. */
    public String shortFile() {
      return shorten(file);
    }

    /** {@code /static/js/app.3f9a1c.js:1:48213}. */
    public String position() {
      return shortFile() + (line > 0 ? ":" + line + ":" + column : "");
    }

    /**
     * The name grouping compares: file without origin, query and content hash, then the function
     * when readable, else the position (see the class comment).
     */
    public String stableName() {
      String stableFile = CONTENT_HASH.matcher(shortFile()).replaceFirst("");
      String name = function == null ? null : lastSegment(function);
      return stableFile + ":" + (isReadable(name) ? name : line + ":" + column);
    }

    @Override
    public String toString() {
      return (function == null ? "<anonymous>" : function) + " @ " + position() + " (" + kind + ")";
    }
  }

  /** True when the text holds at least one JavaScript frame (and so is not a Java or Python trace). */
  public static boolean recognizes(String trace) {
    if (trace == null) {
      return false;
    }
    for (String line : trace.split("\r?\n", 50)) {
      if (parse(line) != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * The frame on this line, or null when it is not a JavaScript frame (a message line, a Java
   * frame). Chrome/V8 prints {@code at [async] [new] name (location)} or {@code at location};
   * Firefox and Safari {@code [async*]name@location}, the name possibly empty. Parsed by hand, in
   * one pass, since reports carry arbitrary text.
   */
  public static Frame parse(String line) {
    if (line.length() > MAX_LINE) {
      return null;
    }
    String s = line.strip();
    if (s.startsWith("at ")) {
      String rest = stripPrefix(stripPrefix(s.substring(3), "async "), "new ");
      int open = rest.indexOf(" (");
      if (open > 0 && rest.endsWith(")")) {
        String function = rest.substring(0, open);
        String location = rest.substring(open + 2, rest.length() - 1);
        Frame frame = located(function, location);
        return frame != null || !isEngineFrame(location) ? frame : new Frame(function, location, 0, 0);
      }
      return open < 0 && rest.indexOf('(') < 0 ? located(null, rest) : null;
    }
    int at = s.indexOf('@');
    if (at < 0) {
      return null;
    }
    String function = stripPrefix(s.substring(0, at), "async*");
    for (int i = 0; i < function.length(); i++) {
      if (Character.isWhitespace(function.charAt(i))) {
        return null;
      }
    }
    return located(function.isEmpty() ? null : function, s.substring(at + 1));
  }

  private static String stripPrefix(String s, String prefix) {
    return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
  }

  /** Every frame of the trace, nearest the throw first. */
  public static List<Frame> frames(String trace) {
    List<Frame> frames = new ArrayList<>();
    for (String line : trace.split("\r?\n", 4000)) {
      Frame f = parse(line);
      if (f != null) {
        frames.add(f);
      }
    }
    return frames;
  }

  /** The first frame of the page's own code, or of any code when there is none; null without frames. */
  public static Frame whereThrown(String trace) {
    Frame first = null;
    for (Frame f : frames(trace)) {
      if (f.kind() == Kind.APPLICATION) {
        return f;
      }
      if (first == null && f.kind() == Kind.LIBRARY) {
        first = f;
      }
    }
    return first;
  }

  /** A URL reduced to its path ({@code https://a.example/x.js?v=2} is {@code /x.js}); anything else as it is. */
  public static String shorten(String file) {
    Matcher origin = ORIGIN.matcher(file);
    String path = file;
    if (origin.find() && !file.regionMatches(true, 0, "file:", 0, 5)) {
      path = file.substring(origin.end());
      if (path.isEmpty()) {
        path = "/";
      }
    }
    int cut = indexOfAny(path, '?', '#');
    return cut >= 0 ? path.substring(0, cut) : path;
  }

  /** A frame at {@code file:line:column}, or null when the location does not end so. */
  private static Frame located(String function, String location) {
    int columnAt = location.lastIndexOf(':');
    int lineAt = columnAt > 0 ? location.lastIndexOf(':', columnAt - 1) : -1;
    if (lineAt <= 0) {
      return null;
    }
    int line = number(location, lineAt + 1, columnAt);
    int column = number(location, columnAt + 1, location.length());
    return line < 0 || column < 0 ? null : new Frame(function, location.substring(0, lineAt), line, column);
  }

  /** The digits between {@code from} and {@code to} as a number, or -1. */
  private static int number(String s, int from, int to) {
    if (to <= from || to - from > 9) {
      return -1;
    }
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  private static boolean isEngineFrame(String location) {
    return location.equals("<anonymous>") || location.equals("native") || location.equals("[native code]");
  }

  private static Kind kindOf(String file) {
    String lower = file.toLowerCase(Locale.ROOT);
    for (String p : IGNORED_PREFIXES) {
      if (lower.startsWith(p)) {
        return Kind.IGNORED;
      }
    }
    for (String marker : LIBRARY_MARKERS) {
      if (lower.contains(marker)) {
        return Kind.LIBRARY;
      }
    }
    return Kind.APPLICATION;
  }

  /** {@code Object.fetchOrder} is {@code fetchOrder}; Firefox's {@code outer/<} is {@code outer}. */
  private static String lastSegment(String function) {
    String f = function.replaceAll("[/<]+$", "");
    int cut = Math.max(f.lastIndexOf('.'), f.lastIndexOf('/'));
    return cut >= 0 ? f.substring(cut + 1) : f;
  }

  /** Minifiers shorten names to one or two characters; readable names survive a new release. */
  private static boolean isReadable(String name) {
    return name != null && name.length() >= 3 && !name.equals("<anonymous>") && !name.equals("anonymous")
        && !name.equals("eval");
  }

  private static int indexOfAny(String s, char a, char b) {
    int i = s.indexOf(a);
    int j = s.indexOf(b);
    return i < 0 ? j : j < 0 ? i : Math.min(i, j);
  }
}
