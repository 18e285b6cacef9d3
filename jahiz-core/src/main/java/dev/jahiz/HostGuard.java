package dev.jahiz;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.jar.Manifest;

/**
 * Runs the steps a host framework calls into Jahiz (an appender's start, append and stop, a plugin
 * factory, an agent's advice) so that whatever goes wrong in them stays in Jahiz: the host's
 * logging call returns normally and its start-up goes on.
 *
 * <p>What is contained: every {@link Throwable} except {@link OutOfMemoryError}, {@link
 * InternalError} and {@link UnknownError}, the JVM's own fatal conditions, which are rethrown so
 * the application's handlers and {@code -XX:+ExitOnOutOfMemoryError} still see them. A {@link
 * StackOverflowError} is contained: it means the application logged from deep in its stack, and
 * its call returning is better than the overflow surfacing in a logging call.
 *
 * <p>A {@link LinkageError} ({@code NoSuchMethodError}, {@code NoClassDefFoundError}, ...) means
 * a library on the class path is not a version Jahiz works with: every later call would fail the
 * same way, so the guard is then disabled and {@link #run} runs nothing more. Any other failure is
 * told the first time only and counted after that, so a failing step never floods the status
 * channel. Telling goes to a {@link StatusListener}, itself guarded.
 *
 * <p>Thread-safe.
 */
public final class HostGuard {
  /** What jahiz-core runs on, as the README's compatibility table says. */
  public static final String LIBRARIES = "OkHttp 4.12+ (OkHttp 5 needs Kotlin's stdlib 2.1+; on Spring Boot 2.x"
      + " set kotlin.version) and Jackson 2.12+";

  private final String component;
  private final String requirement;
  private final Supplier<String> runtime;
  private final StatusListener status;
  private final AtomicBoolean toldFailure = new AtomicBoolean();
  private final AtomicBoolean toldIncompatible = new AtomicBoolean();
  private final AtomicLong failures = new AtomicLong();
  private volatile boolean disabled;

  private HostGuard(Builder b) {
    this.component = b.component;
    this.requirement = b.requirement;
    this.runtime = b.runtime;
    this.status = b.status;
  }

  public static Builder builder(String component, StatusListener status) {
    return new Builder(component, status);
  }

  /**
   * Runs {@code step} unless the guard is disabled; returns whether it ran to its end.
   *
   * @param what what the step does, as in "could not {@code what}"
   */
  public boolean run(String what, Runnable step) {
    if (disabled) {
      return false;
    }
    return runEvenIfDisabled(what, step);
  }

  /**
   * Runs {@code step} even when an incompatibility has disabled the guard: for releasing what an
   * earlier step started (threads, connections), which must happen whatever broke since.
   */
  public boolean runEvenIfDisabled(String what, Runnable step) {
    try {
      step.run();
      return true;
    } catch (OutOfMemoryError | InternalError | UnknownError fatal) {
      throw fatal;
    } catch (Throwable t) {
      contain(what, t);
      return false;
    }
  }

  /**
   * "Logback 1.2.13": the name and the version in the manifest of the jar {@code anchor} came
   * from, for {@link Builder#runtime}. Never throws.
   */
  public static String versionOf(String name, Class<?> anchor) {
    try {
      Package p = anchor.getPackage();
      String version = p == null ? null : p.getImplementationVersion();
      if (version == null) {
        version = bundleVersion(anchor);
      }
      return name + " " + (version == null ? "(version unknown)" : version);
    } catch (RuntimeException | LinkageError | IOException e) {
      return name + " (version unknown)";
    }
  }

  /** Some jars (Logback 1.2, say) only say their version as an OSGi bundle. */
  private static String bundleVersion(Class<?> anchor) throws IOException {
    URL classFile = anchor.getResource(anchor.getSimpleName() + ".class");
    String url = classFile == null ? "" : classFile.toString();
    int inJar = url.lastIndexOf("!/");
    if (!url.startsWith("jar:") || inJar < 0) {
      return null;
    }
    try (InputStream in = new URL(url.substring(0, inJar + 2) + "META-INF/MANIFEST.MF").openStream()) {
      return new Manifest(in).getMainAttributes().getValue("Bundle-Version");
    }
  }

  /** True once an incompatibility was found: nothing more is run. */
  public boolean isDisabled() {
    return disabled;
  }

  /** Failures contained so far, the told one included. */
  public long failures() {
    return failures.get();
  }

  private void contain(String what, Throwable t) {
    failures.incrementAndGet();
    boolean incompatible = t instanceof LinkageError;
    if (incompatible) {
      disabled = true;
    }
    // An incompatibility is told even after another failure was: it is what the user must act on.
    if (!(incompatible ? toldIncompatible : toldFailure).compareAndSet(false, true)) {
      return;
    }
    String message;
    if (incompatible) {
      message = component + " is disabled: it could not " + what + " (" + t + "), so something on the class path"
          + " is not a version Jahiz works with. Found " + describeRuntime() + "; Jahiz needs " + requirement
          + ", with " + LIBRARIES + ". The application runs on; no error reports are sent.";
    } else {
      message = component + " could not " + what + " (" + t + "); the application runs on."
          + " Further failures are counted, not told.";
    }
    tell(message, t);
  }

  private String describeRuntime() {
    String described;
    try {
      described = runtime.get();
    } catch (Throwable e) {
      // Describing the runtime uses the same libraries that just failed.
      described = null;
    }
    return (described == null || described.isBlank() ? "" : described + ", ") + librariesFound();
  }

  /** "OkHttp 5.5.1, Kotlin stdlib 1.6.21, Jackson 2.13.5", each "(missing)" when it cannot be loaded. */
  public static String librariesFound() {
    String stdlib;
    try {
      stdlib = "Kotlin stdlib " + kotlin.KotlinVersion.CURRENT;
    } catch (RuntimeException | LinkageError e) {
      stdlib = "Kotlin stdlib (missing)";
    }
    return library("OkHttp", "okhttp3.OkHttpClient") + ", " + stdlib + ", "
        + library("Jackson", "com.fasterxml.jackson.databind.ObjectMapper");
  }

  private static String library(String name, String anchor) {
    try {
      return versionOf(name, Class.forName(anchor, false, HostGuard.class.getClassLoader()));
    } catch (ClassNotFoundException | LinkageError e) {
      return name + " (missing)";
    }
  }

  private void tell(String message, Throwable cause) {
    try {
      status.onStatus(StatusListener.Level.ERROR, message, cause);
    } catch (OutOfMemoryError | InternalError | UnknownError fatal) {
      throw fatal;
    } catch (Throwable ignored) {
      // The status channel is the framework's, and it failed too: there is nowhere left to tell.
    }
  }

  @Override
  public String toString() {
    return "HostGuard(" + component + (disabled ? ", disabled" : "") + ", failures=" + failures.get() + ")";
  }

  public static final class Builder {
    private final String component;
    private final StatusListener status;
    private String requirement = "the versions in its README's compatibility table";
    private Supplier<String> runtime = () -> null;

    private Builder(String component, StatusListener status) {
      this.component = Objects.requireNonNull(component, "component");
      this.status = Objects.requireNonNull(status, "status");
    }

    /** What Jahiz needs, as the user reads it: "Logback 1.2 to 1.6 on Java 11+". */
    public Builder requirement(String requirement) {
      this.requirement = Objects.requireNonNull(requirement, "requirement");
      return this;
    }

    /**
     * Describes what was found, such as "Logback 1.2.13": only called after an incompatibility,
     * and guarded itself.
     */
    public Builder runtime(Supplier<String> runtime) {
      this.runtime = Objects.requireNonNull(runtime, "runtime");
      return this;
    }

    public HostGuard build() {
      return new HostGuard(this);
    }
  }
}
