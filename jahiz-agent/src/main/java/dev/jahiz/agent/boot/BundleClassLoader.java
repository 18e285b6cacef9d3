package dev.jahiz.agent.boot;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads classes and resources from {@code inst/} inside the agent jar, where Jahiz and everything
 * it needs (OkHttp, Okio, Kotlin, Jackson, OSHI, JNA, ASM) are kept unrelocated. Nothing
 * there is on any class path of the app, so the app's own copies of those libraries, in whatever
 * version, never meet the agent's.
 *
 * <p>Two kinds: the core loader, above the JDK only; and, for each class loader that holds an
 * app's Logback or Log4j, a framework loader whose logging packages come from the app and whose
 * appender classes are defined here, linked to that logging, with everything else from the core.
 */
public final class BundleClassLoader extends ClassLoader {
  static {
    registerAsParallelCapable();
  }

  /** Classes that link against the app's logging: only framework loaders define them. */
  private static final String[] FRAMEWORK_CLASSES = {
    "dev.jahiz.logback.", "dev.jahiz.log4j2.", "dev.jahiz.agent.logback.", "dev.jahiz.agent.log4j2."
  };
  private static final String PREFIX = "inst/";
  private static final String BOOT = "dev.jahiz.agent.boot.";

  private final JarFile jar;
  private final URL jarUrl;
  private final ProtectionDomain domain;
  private final ClassLoader app;
  private final String[] appPackages;

  private BundleClassLoader(String name, ClassLoader parent, JarFile jar, URL jarUrl, ClassLoader app,
      String[] appPackages) {
    super(name, parent);
    this.jar = jar;
    this.jarUrl = jarUrl;
    this.domain = new ProtectionDomain(new CodeSource(jarUrl, (Certificate[]) null), null, this, null);
    this.app = app;
    this.appPackages = appPackages;
  }

  static BundleClassLoader core(JarFile jar, URL jarUrl) {
    return new BundleClassLoader("jahiz-agent", ClassLoader.getPlatformClassLoader(), jar, jarUrl, null, new String[0]);
  }

  /** A loader for the appender classes of one app logging framework, seen through {@code app}. */
  public BundleClassLoader framework(ClassLoader app, String... appPackages) {
    return new BundleClassLoader("jahiz-agent-" + appPackages[0], this, jar, jarUrl, app, appPackages.clone());
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        if (name.startsWith(BOOT)) {
          // The one copy of Hooks and of this loader: the system class path's.
          c = Class.forName(name, false, BundleClassLoader.class.getClassLoader());
        } else if (startsWithAny(name, appPackages)) {
          c = Class.forName(name, false, app);
        } else if (startsWithAny(name, FRAMEWORK_CLASSES)) {
          if (app == null) {
            throw new ClassNotFoundException(name + " is only loaded next to the app's logging");
          }
          c = findClass(name);
        } else {
          return super.loadClass(name, resolve);
        }
      }
      if (resolve) {
        resolveClass(c);
      }
      return c;
    }
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    JarEntry entry = jar.getJarEntry(PREFIX + name.replace('.', '/') + ".class");
    if (entry == null) {
      throw new ClassNotFoundException(name);
    }
    byte[] bytes;
    try (InputStream in = jar.getInputStream(entry)) {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new ClassNotFoundException(name, e);
    }
    int dot = name.lastIndexOf('.');
    if (dot > 0) {
      String pkg = name.substring(0, dot);
      if (getDefinedPackage(pkg) == null) {
        try {
          definePackage(pkg, null, null, null, null, null, null, null);
        } catch (IllegalArgumentException definedMeanwhile) {
          // Another thread defined it first.
        }
      }
    }
    return defineClass(name, bytes, 0, bytes.length, domain);
  }

  @Override
  protected URL findResource(String name) {
    if (jar.getJarEntry(PREFIX + name) == null) {
      return null;
    }
    try {
      return new URL("jar:" + jarUrl + "!/" + PREFIX + name);
    } catch (MalformedURLException e) {
      return null;
    }
  }

  @Override
  protected Enumeration<URL> findResources(String name) {
    URL url = findResource(name);
    return url == null ? Collections.emptyEnumeration() : Collections.enumeration(Collections.singletonList(url));
  }

  private static boolean startsWithAny(String name, String[] prefixes) {
    for (String p : prefixes) {
      if (name.startsWith(p)) {
        return true;
      }
    }
    return false;
  }
}
