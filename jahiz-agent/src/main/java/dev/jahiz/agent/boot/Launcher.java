package dev.jahiz.agent.boot;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.util.jar.JarFile;

/**
 * Opens the agent's own world: a {@link BundleClassLoader} over {@code inst/} of the agent jar,
 * above the JDK only, in which {@code dev.jahiz.agent.Agent} reads the settings and instruments.
 */
public final class Launcher {
  private Launcher() {}

  public static void launch(Instrumentation inst, File jar, boolean attached) throws Exception {
    BundleClassLoader core = BundleClassLoader.core(new JarFile(jar), jar.toURI().toURL());
    Class.forName("dev.jahiz.agent.Agent", true, core)
        .getMethod("start", Instrumentation.class, boolean.class)
        .invoke(null, inst, attached);
  }
}
