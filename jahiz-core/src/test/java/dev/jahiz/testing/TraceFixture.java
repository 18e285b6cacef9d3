package dev.jahiz.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A log event captured from a real run (see {@code src/test/resources/traces/README.md}): the
 * logger, thread and message the framework logged, the JVM and command it ran with, and the trace
 * exactly as {@code printStackTrace} printed it. {@link #throwable()} rebuilds the exception with
 * the same frames, causes and "... n more" expanded, so the appender's path (a live throwable) and
 * the receiver's path (the trace as text) are both tested on the same capture.
 */
public final class TraceFixture {
  private static final Pattern FRAME = Pattern.compile(
      "^\\tat (?:([^/\\s(]*)/(?!0x))?(?:([^/\\s(@]*)(?:@([^/\\s(]*))?/(?!0x))?([^\\s(]+)\\.([^.\\s(]+)\\((.*)\\)$");
  private static final Pattern MORE = Pattern.compile("^\\t\\.\\.\\. (\\d+) more$");

  private final String name;
  private final Map<String, String> headers;
  private final String trace;

  private TraceFixture(String name, Map<String, String> headers, String trace) {
    this.name = name;
    this.headers = headers;
    this.trace = trace;
  }

  /** {@code traces/<name>.txt} from the test class path. */
  public static TraceFixture load(String name) {
    String path = "/traces/" + name + ".txt";
    try (InputStream in = TraceFixture.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int blank = text.indexOf("\n\n");
      Map<String, String> headers = new LinkedHashMap<>();
      for (String line : text.substring(0, blank).split("\n")) {
        int colon = line.indexOf(": ");
        headers.put(line.substring(0, colon), line.substring(colon + 2));
      }
      return new TraceFixture(name, headers, text.substring(blank + 2));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String name() {
    return name;
  }

  public String logger() {
    return headers.get("logger");
  }

  public String thread() {
    return headers.get("thread");
  }

  public String message() {
    return headers.get("message");
  }

  /** The {@code sun.java.command} of the captured run. */
  public String command() {
    return headers.get("sun.java.command");
  }

  /** The Start-Class of the captured run's jar manifest. */
  public String startClass() {
    return headers.get("start-class");
  }

  /** The trace as the JVM printed it. */
  public String trace() {
    return trace;
  }

  /** The exception rebuilt from the trace: same class where it can be made, same message, frames and causes. */
  public Throwable throwable() {
    List<String> lines = List.of(trace.split("\n"));
    List<Block> blocks = new ArrayList<>();
    Block current = null;
    boolean skipping = false;
    for (String line : lines) {
      if (current == null || line.startsWith("Caused by: ")) {
        current = new Block(current == null ? line : line.substring("Caused by: ".length()));
        blocks.add(current);
        skipping = false;
        continue;
      }
      if (skipping || line.startsWith("\tSuppressed: ")) {
        skipping = true;  // suppressed exceptions (and Reactor's checkpoint report) are not rebuilt
        continue;
      }
      Matcher more = MORE.matcher(line);
      Matcher frame = FRAME.matcher(line);
      if (more.matches()) {
        List<StackTraceElement> enclosing = blocks.get(blocks.size() - 2).frames;
        int n = Integer.parseInt(more.group(1));
        current.frames.addAll(enclosing.subList(enclosing.size() - n, enclosing.size()));
      } else if (frame.matches()) {
        current.frames.add(element(frame));
      } else if (current.frames.isEmpty()) {
        current.header += "\n" + line;
      } else {
        throw new IllegalStateException(name + ": unexpected line " + line);
      }
    }
    Throwable cause = null;
    for (int i = blocks.size() - 1; i >= 0; i--) {
      cause = blocks.get(i).rebuild(cause);
    }
    return cause;
  }

  private static StackTraceElement element(Matcher m) {
    String loader = emptyToNull(m.group(1));
    String module = emptyToNull(m.group(2));
    String version = m.group(3);
    if (module == null && loader != null && !"app".equals(loader)) {
      module = loader;  // "java.base/…": one segment before the class is the module
      loader = null;
    }
    String where = m.group(6);
    String file = null;
    int line = -1;
    if ("Native Method".equals(where)) {
      line = -2;
    } else if (!"Unknown Source".equals(where)) {
      int colon = where.lastIndexOf(':');
      file = colon < 0 ? where : where.substring(0, colon);
      line = colon < 0 ? -1 : Integer.parseInt(where.substring(colon + 1));
    }
    return new StackTraceElement(loader, module, version,
        m.group(4), m.group(5), file, line);
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static final class Block {
    String header;
    final List<StackTraceElement> frames = new ArrayList<>();

    Block(String header) {
      this.header = header;
    }

    Throwable rebuild(Throwable cause) {
      int colon = header.indexOf(": ");
      String type = colon < 0 ? header.trim() : header.substring(0, colon);
      String message = colon < 0 ? null : header.substring(colon + 2);
      Throwable t = instantiate(type, message);
      if (cause != null) {
        t.initCause(cause);
      }
      t.setStackTrace(frames.toArray(new StackTraceElement[0]));
      return t;
    }

    private static Throwable instantiate(String type, String message) {
      try {
        Class<?> c = Class.forName(type);
        Constructor<?> constructor = c.getConstructor(String.class);
        Throwable t = (Throwable) constructor.newInstance(message);
        if (t.getCause() == null) {
          return t;
        }
      } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
        // not on this class path, or not made from a message: replayed under its own name below
      }
      return new Replayed(type, message);
    }
  }

  /** An exception of a class this class path lacks (Hibernate's, say), printed under that class's name. */
  public static final class Replayed extends RuntimeException {
    private final String type;

    Replayed(String type, String message) {
      super(message);
      this.type = type;
    }

    /** The captured exception's class name. */
    public String type() {
      return type;
    }

    @Override
    public String toString() {
      String message = getLocalizedMessage();
      return message == null ? type : type + ": " + message;
    }
  }
}
