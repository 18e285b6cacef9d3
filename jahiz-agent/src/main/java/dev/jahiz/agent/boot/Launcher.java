package dev.jahiz.agent.boot;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.util.jar.JarFile;

/**
 * Opens the agent's own world: a {@link BundleClassLoader} over {@code inst/} of the agent jar,
 * above the JDK only, in which {@code dev.jahiz.agent.Agent} reads the settings and instruments.
 *
 * <p>Once per JVM: each launch opens a world of its own, so a second one (the agent attached again,
 * or attached to a JVM started with {@code -javaagent:jahiz-agent.jar}) would be a second agent,
 * reporting every event twice. This class, on the system class path, is the one copy every launch
 * goes through; an attempt that did not start (a bad setting) leaves the way open for the next.
 */
public final class Launcher {
  private static boolean running;

  private Launcher() {}

  public static synchronized void launch(Instrumentation inst, File jar, boolean attached) throws Exception {
    if (running) {
      System.err.println("jahiz-agent: already running in this JVM, nothing more to do");
      return;
    }
    BundleClassLoader core = BundleClassLoader.core(new JarFile(jar), jar.toURI().toURL());
    running = (Boolean) Class.forName("dev.jahiz.agent.Agent", true, core)
        .getMethod("start", Instrumentation.class, boolean.class)
        .invoke(null, inst, attached);
  }
}
