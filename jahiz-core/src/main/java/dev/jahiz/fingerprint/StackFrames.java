package dev.jahiz.fingerprint;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells application frames from the JDK's and the frameworks' ones, and reduces a frame to the part
 * that survives a redeploy: class and method, without line numbers or generated suffixes.
 */
public final class StackFrames {
  /** Packages whose frames are never the application's own. */
  public static final List<String> FRAMEWORK_PACKAGES = List.of(
      "java.", "javax.", "jdk.", "sun.", "com.sun.", "kotlin.", "kotlinx.", "scala.", "groovy.",
      "org.codehaus.groovy.", "jakarta.", "org.springframework.", "org.apache.", "org.eclipse.",
      "org.hibernate.", "org.jboss.", "io.netty.", "io.undertow.", "reactor.", "io.reactivex.",
      "io.micrometer.", "io.opentelemetry.", "com.fasterxml.", "com.google.", "okhttp3.", "okio.",
      "retrofit2.", "ch.qos.logback.", "org.slf4j.", "org.junit.", "io.javalin.", "io.grpc.",
      "com.zaxxer.", "org.postgresql.", "com.mysql.", "org.mariadb.", "net.bytebuddy.", "org.mockito.",
      "dev.jahiz.", "io.quarkus.", "io.vertx.", "io.micronaut.", "io.dropwizard.", "org.glassfish.");

  /** Java ({@code at a.b.C.m(C.java:1)}) and Python ({@code File "x.py", line 1, in f}) trace lines. */
  private static final Pattern JAVA_FRAME = Pattern.compile("^\\s*at\\s+(?:[^/\\s]+/)*([^\\s(]+)\\(");
  private static final Pattern PYTHON_FRAME =
      Pattern.compile("^\\s*File \"([^\"]+)\", line \\d+(?:, in (\\S+))?");
  private static final Pattern GENERATED = Pattern.compile(
      "\\$\\$Lambda[$\\w]*(?:/0x[0-9a-f]+)?|\\$\\$(?:EnhancerBySpringCGLIB|SpringCGLIB|FastClassBySpringCGLIB"
          + "|EnhancerByCGLIB|ByteBuddy|HibernateProxy)\\$\\$\\w*|\\$\\d+|lambda\\$(\\w+)\\$\\d+|0x[0-9a-f]+");

  private final List<String> applicationPackages;

  private StackFrames(List<String> applicationPackages) {
    this.applicationPackages = List.copyOf(applicationPackages);
  }

  /** Every frame outside {@link #FRAMEWORK_PACKAGES} counts as the application's. */
  public static StackFrames byDefault() {
    return new StackFrames(List.of());
  }

  /** Only frames in these packages (prefixes such as {@code com.acme}) count as the application's. */
  public static StackFrames forApplicationPackages(List<String> packages) {
    List<String> prefixes = new ArrayList<>();
    for (String p : packages) {
      String trimmed = p.trim();
      if (!trimmed.isEmpty()) {
        prefixes.add(trimmed.endsWith(".") ? trimmed : trimmed + ".");
      }
    }
    return new StackFrames(prefixes);
  }

  /** True when a frame of this class belongs to the application rather than the JDK or a framework. */
  public boolean isApplicationClass(String className) {
    if (className == null) {
      return false;
    }
    if (!applicationPackages.isEmpty()) {
      for (String p : applicationPackages) {
        if (className.startsWith(p)) {
          return true;
        }
      }
      return false;
    }
    for (String p : FRAMEWORK_PACKAGES) {
      if (className.startsWith(p)) {
        return false;
      }
    }
    return true;
  }

  /** The first application frame of the throwable itself, or its first frame, or null. */
  public StackTraceElement firstApplicationFrame(StackTraceElement[] frames) {
    for (StackTraceElement f : frames) {
      if (isApplicationClass(f.getClassName())) {
        return f;
      }
    }
    return frames.length > 0 ? frames[0] : null;
  }

  /** {@code com.acme.Foo.bar} with generated suffixes (lambdas, proxies, anonymous classes) masked. */
  public static String stable(String classAndMethod) {
    Matcher m = GENERATED.matcher(classAndMethod);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, m.group(1) != null ? "lambda\\$" + m.group(1) : "\\$");
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * The stable names of up to {@code max} application frames (falling back to the first frames when
   * none is the application's) of the outermost exception in a trace text, Java or Python.
   */
  List<String> topFramesOfText(String stacktrace, int max) {
    List<String> all = new ArrayList<>();
    List<String> app = new ArrayList<>();
    for (String line : stacktrace.split("\n", 400)) {
      if (line.startsWith("Caused by:") || line.trim().startsWith("Suppressed:")) {
        break;
      }
      String name = null;
      boolean application = false;
      Matcher java = JAVA_FRAME.matcher(line);
      if (java.find()) {
        name = java.group(1);
        application = isApplicationClass(name);
      } else {
        Matcher python = PYTHON_FRAME.matcher(line);
        if (python.find()) {
          name = python.group(1) + (python.group(2) == null ? "" : ":" + python.group(2));
          application = !name.contains("site-packages") && !name.contains("/lib/python");
        }
      }
      if (name != null) {
        all.add(stable(name));
        if (application) {
          app.add(stable(name));
        }
      }
    }
    List<String> chosen = app.isEmpty() ? all : app;
    return chosen.subList(0, Math.min(max, chosen.size()));
  }

  List<String> topFrames(StackTraceElement[] frames, int max) {
    List<String> all = new ArrayList<>();
    List<String> app = new ArrayList<>();
    for (StackTraceElement f : frames) {
      String name = stable(f.getClassName() + "." + f.getMethodName());
      if (all.size() < max) {
        all.add(name);
      }
      if (isApplicationClass(f.getClassName())) {
        app.add(name);
        if (app.size() == max) {
          break;
        }
      }
    }
    return app.isEmpty() ? all : app;
  }
}
