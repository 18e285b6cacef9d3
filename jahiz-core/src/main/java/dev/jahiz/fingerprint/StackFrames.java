package dev.jahiz.fingerprint;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells the application's frames from the JDK's and the libraries' ones, and which frames are
 * plumbing that changes while the app runs (reflection accessors, proxies, lambdas, hidden classes)
 * and so never take part in a fingerprint; reduces a frame to the part that survives a redeploy:
 * class and method, without line numbers or generated suffixes.
 *
 * <p>A class is the application's when it is in an explicitly named application package; without
 * those, when it is in a package detected as the application's (its main class, see {@link
 * ApplicationPackages}) or outside every known library package. Known libraries are named finely
 * where frameworks share a prefix with apps: {@code org.springframework.web.} is Spring, {@code
 * org.springframework.samples.} is an app.
 */
public final class StackFrames {
  /** Packages of the JDK itself: never the application's, and left out of fingerprints (they differ between JDKs). */
  static final List<String> JDK_PACKAGES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

  /** Packages whose frames are never the application's own. */
  public static final List<String> FRAMEWORK_PACKAGES = List.of(
      "java.", "javax.", "jdk.", "sun.", "com.sun.", "kotlin.", "kotlinx.", "scala.", "groovy.",
      "org.codehaus.groovy.", "jakarta.", "org.apache.", "org.eclipse.",
      "org.hibernate.", "org.jboss.", "io.netty.", "io.undertow.", "reactor.", "io.reactivex.",
      "io.micrometer.", "io.opentelemetry.", "com.fasterxml.", "com.google.", "okhttp3.", "okio.",
      "retrofit2.", "ch.qos.logback.", "org.slf4j.", "org.junit.", "io.javalin.", "io.grpc.",
      "com.zaxxer.", "org.postgresql.", "com.mysql.", "org.mariadb.", "net.bytebuddy.", "org.mockito.",
      "dev.jahiz.", "io.quarkus.", "io.vertx.", "io.micronaut.", "io.dropwizard.", "org.glassfish.",
      "org.aspectj.", "org.h2.", "com.h2database.", "org.flywaydb.", "org.liquibase.", "liquibase.",
      "org.thymeleaf.", "freemarker.", "org.yaml.", "io.swagger.", "org.springdoc.", "feign.",
      "io.github.resilience4j.", "org.apache.kafka.", "com.rabbitmq.", "io.lettuce.", "redis.clients.",
      "org.mongodb.", "com.mongodb.", "software.amazon.", "com.amazonaws.", "org.testcontainers.",
      "org.assertj.", "org.awaitility.", "org.graalvm.", "org.objenesis.", "org.openjdk.",
      // Spring by project, so that apps under org.springframework (its samples) stay the app's.
      "org.springframework.aop.", "org.springframework.aot.", "org.springframework.asm.",
      "org.springframework.beans.", "org.springframework.boot.", "org.springframework.cache.",
      "org.springframework.cglib.", "org.springframework.context.", "org.springframework.core.",
      "org.springframework.dao.", "org.springframework.data.", "org.springframework.ejb.",
      "org.springframework.expression.", "org.springframework.format.", "org.springframework.http.",
      "org.springframework.instrument.", "org.springframework.jca.", "org.springframework.jdbc.",
      "org.springframework.jms.", "org.springframework.jmx.", "org.springframework.jndi.",
      "org.springframework.lang.", "org.springframework.mail.", "org.springframework.messaging.",
      "org.springframework.mock.", "org.springframework.objenesis.", "org.springframework.orm.",
      "org.springframework.oxm.", "org.springframework.r2dbc.", "org.springframework.resilience.",
      "org.springframework.scheduling.", "org.springframework.scripting.", "org.springframework.stereotype.",
      "org.springframework.test.", "org.springframework.transaction.", "org.springframework.ui.",
      "org.springframework.util.", "org.springframework.validation.", "org.springframework.web.",
      "org.springframework.security.", "org.springframework.session.", "org.springframework.cloud.",
      "org.springframework.kafka.", "org.springframework.amqp.", "org.springframework.integration.",
      "org.springframework.batch.", "org.springframework.retry.", "org.springframework.graphql.",
      "org.springframework.hateoas.", "org.springframework.ws.", "org.springframework.vault.",
      "org.springframework.ldap.", "org.springframework.shell.", "org.springframework.statemachine.",
      "org.springframework.pulsar.", "org.springframework.ai.", "org.springframework.modulith.",
      "org.springframework.restdocs.", "org.springframework.grpc.", "org.springframework.credhub.");

  /**
   * Classes that run other code rather than being code: reflection accessors, method handles,
   * JDK and library proxies, CGLIB/Byte Buddy/Hibernate/Mockito subclasses, lambdas and hidden
   * classes. Their names change with the JVM, the call count and the order classes were made in.
   */
  private static final Pattern GENERATED_CLASS = Pattern.compile(
      "\\$\\$Lambda|/0x[0-9a-f]+|(?:^|[.$])\\$Proxy\\d*(?:$|\\$)|\\$\\$(?:EnhancerBySpringCGLIB|SpringCGLIB"
          + "|FastClassBySpringCGLIB|EnhancerByCGLIB|FastClassByCGLIB)\\$\\$|\\$ByteBuddy\\$|\\$HibernateProxy(?:$|\\$)"
          + "|\\$MockitoMock\\$|^jdk\\.proxy\\d*\\.|^com\\.sun\\.proxy\\.|LambdaForm\\$|(?:^|\\.)Generated\\w*Accessor\\d+$");

  /** Thread-pool and event-loop plumbing of libraries: the same for every task they run. */
  private static final List<String> PLUMBING = List.of(
      "org.apache.tomcat.util.threads.", "org.apache.tomcat.util.net.", "io.netty.util.concurrent.",
      "io.netty.util.internal.ThreadExecutorMap", "io.netty.channel.nio.", "io.netty.channel.epoll.",
      "org.eclipse.jetty.util.thread.", "org.springframework.scheduling.support.DelegatingErrorHandlingRunnable",
      "org.springframework.core.task.", "reactor.core.scheduler.");

  private static final Pattern GENERATED = Pattern.compile(
      "\\$\\$Lambda[$\\w]*(?:/0x[0-9a-f]+)?|\\$\\$(?:EnhancerBySpringCGLIB|SpringCGLIB|FastClassBySpringCGLIB"
          + "|EnhancerByCGLIB|ByteBuddy|HibernateProxy)\\$\\$\\w*|\\$\\d+|lambda\\$(\\w+)\\$\\d+|0x[0-9a-f]+");

  /** Most frames a {@link StackFrames} remembers how it read; past it, it starts over. */
  static final int FRAMES_REMEMBERED = 4_096;

  private final List<String> applicationPackages;
  private final List<String> detectedPackages;
  /**
   * Frames already read, by class and method: the same few hundred frames recur in every trace of
   * an app, and reading one (prefix lists, generated-name patterns) cost a receiver most of its
   * ingestion time. Bounded: cleared when full, so a stream of ever-new names costs no memory.
   */
  private final Map<String, TraceFrame> frames = new ConcurrentHashMap<>();

  private StackFrames(List<String> applicationPackages, List<String> detectedPackages) {
    this.applicationPackages = List.copyOf(applicationPackages);
    this.detectedPackages = List.copyOf(detectedPackages);
  }

  /** Every frame outside {@link #FRAMEWORK_PACKAGES} counts as the application's. */
  public static StackFrames byDefault() {
    return new StackFrames(List.of(), List.of());
  }

  /**
   * As {@link #byDefault()}, and the packages this JVM tells are the application's (see {@link
   * ApplicationPackages#detect()}) count as the application's too, framework-like prefix or not.
   */
  public static StackFrames forThisApplication() {
    return new StackFrames(List.of(), prefixes(ApplicationPackages.detect()));
  }

  /** As {@link #byDefault()}, and these packages (detected, not configured) count as the application's too. */
  public static StackFrames withDetectedPackages(List<String> packages) {
    return new StackFrames(List.of(), prefixes(packages));
  }

  /** Only frames in these packages (prefixes such as {@code com.acme}) count as the application's. */
  public static StackFrames forApplicationPackages(List<String> packages) {
    return new StackFrames(prefixes(packages), List.of());
  }

  private static List<String> prefixes(List<String> packages) {
    List<String> prefixes = new ArrayList<>();
    for (String p : packages) {
      String trimmed = p.trim();
      if (!trimmed.isEmpty()) {
        prefixes.add(trimmed.endsWith(".") ? trimmed : trimmed + ".");
      }
    }
    return prefixes;
  }

  /** True when a frame of this class belongs to the application rather than the JDK, a library or generated code. */
  public boolean isApplicationClass(String className) {
    if (className == null || isGenerated(className)) {
      return false;
    }
    if (!applicationPackages.isEmpty()) {
      return startsWithAny(className, applicationPackages);
    }
    return startsWithAny(className, detectedPackages) || !startsWithAny(className, FRAMEWORK_PACKAGES);
  }

  /**
   * True for frames that never enter a fingerprint: the JDK's (reflection, method handles, thread
   * pools, {@code Thread.run}), generated classes and proxies, and libraries' thread-pool plumbing.
   */
  public boolean isIgnored(String className) {
    return className == null || isGenerated(className) || startsWithAny(className, JDK_PACKAGES)
        || startsWithAny(className, PLUMBING);
  }

  /** The frame of {@code className.method}, read once and then remembered (see {@link #frames}). */
  TraceFrame frame(String className, String method) {
    return frame(className + "." + method, className.length());
  }

  /** As {@link #frame(String, String)}, for {@code class.method} as one string whose class name ends at {@code dot}. */
  TraceFrame frame(String key, int dot) {
    TraceFrame known = frames.get(key);
    if (known != null) {
      return known;
    }
    String className = key.substring(0, dot);
    TraceFrame.Kind kind = isApplicationClass(className) ? TraceFrame.Kind.APPLICATION
        : isHandoff(className) ? TraceFrame.Kind.HANDOFF
        : isIgnored(className) ? TraceFrame.Kind.IGNORED : TraceFrame.Kind.LIBRARY;
    TraceFrame frame = TraceFrame.of(stable(key), kind);
    if (frames.size() >= FRAMES_REMEMBERED) {
      frames.clear();
    }
    frames.put(key, frame);
    return frame;
  }

  /** Where the JDK hands a task to whichever thread runs it: a completing future, a pool's worker. */
  static boolean isHandoff(String className) {
    return className.startsWith("java.util.concurrent.") && (className.startsWith("CompletableFuture", 21)
        || className.startsWith("FutureTask", 21) || className.startsWith("ThreadPoolExecutor", 21)
        || className.startsWith("ForkJoin", 21) || className.startsWith("Executors$", 21)
        || className.startsWith("ScheduledThreadPoolExecutor", 21));
  }

  private static boolean isGenerated(String className) {
    // Every generated name has a '$' or '/', or one of three markers: most names are settled without the regex.
    if (className.indexOf('$') < 0 && className.indexOf('/') < 0 && !className.contains("Generated")
        && !className.startsWith("jdk.proxy") && !className.startsWith("com.sun.proxy.")) {
      return false;
    }
    return GENERATED_CLASS.matcher(className).find();
  }

  private static boolean startsWithAny(String className, List<String> prefixes) {
    for (String p : prefixes) {
      if (className.startsWith(p)) {
        return true;
      }
    }
    return false;
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

  /**
   * The first application frame of the throwable or, when it has none (a wrapper thrown by a
   * framework), of its causes in order; null when no exception of the chain has one.
   */
  public StackTraceElement firstApplicationFrame(Throwable throwable) {
    int depth = 0;
    for (Throwable t = throwable; t != null && depth < 32; t = t.getCause(), depth++) {
      for (StackTraceElement f : t.getStackTrace()) {
        if (isApplicationClass(f.getClassName())) {
          return f;
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  /** {@code com.acme.Foo.bar} with generated suffixes (lambdas, proxies, anonymous classes) masked. */
  public static String stable(String classAndMethod) {
    if (classAndMethod.indexOf('$') < 0 && !classAndMethod.contains("0x")) {
      return classAndMethod; // nothing generated in it: the common case, without the regex
    }
    Matcher m = GENERATED.matcher(classAndMethod);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, m.group(1) != null ? "lambda\\$" + m.group(1) : "\\$");
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * The stable names of up to {@code max} frames of a trace text (Java, Python, JavaScript) that identify the
   * failure: see {@link #topFrames(List, int)}.
   */
  List<String> topFramesOfText(String stacktrace, int max) {
    return topFrames(TraceFormats.exceptionsOf(stacktrace, this), max);
  }

  /** As {@link #topFramesOfText}, for a throwable and its causes. */
  List<String> topFrames(Throwable throwable, int max) {
    List<List<TraceFrame>> chain = new ArrayList<>();
    int depth = 0;
    for (Throwable t = throwable; t != null && depth < 32; t = t.getCause() == t ? null : t.getCause(), depth++) {
      StackTraceElement[] elements = t.getStackTrace();
      List<TraceFrame> frames = new ArrayList<>(elements.length);
      for (StackTraceElement f : elements) {
        frames.add(TraceFrame.ofClass(f.getClassName(), f.getMethodName(), this));
      }
      chain.add(frames);
    }
    return topFrames(chain, max);
  }

  /**
   * Up to {@code max} application frames of the outermost exception, nearest the throw first, down
   * to the first point where the JDK handed the task to a thread (what runs below depends on
   * timing: a future completed inline or on a pool thread); when
   * it has none (a wrapper made by a framework or the JDK), those of the first cause that has some;
   * when no exception has any, the outermost's first frames that are not ignored. Ignored frames
   * never take part, so the same failure keeps its fingerprint when reflection inflates, proxies
   * are numbered anew or the JDK changes.
   */
  static List<String> topFrames(List<List<TraceFrame>> chain, int max) {
    int first = 0;
    while (first + 1 < chain.size() && !chain.get(first).isEmpty()
        && chain.get(first).get(0).kind() == TraceFrame.Kind.HANDOFF) {
      // A wrapper the JDK made around its cause (CompletionException, ExecutionException): the cause is the failure.
      first++;
    }
    chain = chain.subList(first, chain.size());
    for (List<TraceFrame> frames : chain) {
      List<String> app = new ArrayList<>();
      for (TraceFrame f : frames) {
        if (f.kind() == TraceFrame.Kind.HANDOFF && !app.isEmpty()) {
          break;
        }
        if (f.kind() == TraceFrame.Kind.APPLICATION) {
          app.add(f.name());
          if (app.size() == max) {
            break;
          }
        }
      }
      if (!app.isEmpty()) {
        return app;
      }
    }
    List<String> library = new ArrayList<>();
    for (TraceFrame f : chain.isEmpty() ? List.<TraceFrame>of() : chain.get(0)) {
      if (f.kind() == TraceFrame.Kind.HANDOFF && !library.isEmpty()) {
        break;
      }
      if (f.kind() == TraceFrame.Kind.LIBRARY && library.size() < max) {
        library.add(f.name());
      }
    }
    return library;
  }
}
