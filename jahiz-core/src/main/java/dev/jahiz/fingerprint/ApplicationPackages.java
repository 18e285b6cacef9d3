package dev.jahiz.fingerprint;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Finds the application's own package from what the JVM was started with, so that code under a
 * framework-like prefix (Spring's samples live in {@code org.springframework.samples}) still counts
 * as the application's: the package of the main class in {@code sun.java.command}, or, for a
 * Spring Boot jar, of the {@code Start-Class} its manifest names. Launchers (Spring Boot's loader,
 * Maven, Gradle, IDEs, test runners, servlet containers) tell nothing and are skipped.
 */
public final class ApplicationPackages {
  private static final List<String> LAUNCHERS = List.of(
      "java.", "jdk.", "sun.", "com.sun.", "org.springframework.boot.loader.", "org.apache.catalina.startup.",
      "org.apache.maven.", "org.codehaus.plexus.classworlds.", "org.gradle.", "worker.org.gradle.",
      "com.intellij.", "org.jetbrains.", "org.eclipse.jdt.", "org.junit.", "org.testng.", "org.eclipse.jetty.start.",
      "io.quarkus.bootstrap.", "io.quarkus.runner.", "kotlin.", "groovy.", "org.codehaus.groovy.", "scala.",
      "org.apache.tomcat.", "org.jboss.modules.", "org.wildfly.", "com.ibm.ws.", "dev.jahiz.");

  private static volatile List<String> detected;

  private ApplicationPackages() {}

  /** The application packages of this JVM, found once; empty when it tells nothing. */
  public static List<String> detect() {
    List<String> d = detected;
    if (d == null) {
      try {
        String command = System.getProperty("sun.java.command");
        d = fromCommand(command);
        if (d.isEmpty() && command != null && command.startsWith("org.springframework.boot.loader.")) {
          d = fromStartClassOnClasspath();
        }
      } catch (RuntimeException | LinkageError e) {
        d = List.of();
      }
      detected = d;
    }
    return d;
  }

  /**
   * The application package named by a {@code sun.java.command} value: its main class ({@code
   * com.acme.Main args}, {@code module/com.acme.Main}) or the jar it runs ({@code app.jar args}),
   * whose manifest names it.
   */
  public static List<String> fromCommand(String command) {
    if (command == null || command.isBlank()) {
      return List.of();
    }
    String first = command.trim().split("\\s+", 2)[0];
    if (first.endsWith(".jar") || first.endsWith(".war")) {
      return fromMainClass(mainClassOfJar(first));
    }
    int slash = first.lastIndexOf('/');
    return fromMainClass(slash >= 0 ? first.substring(slash + 1) : first);
  }

  /** The package of a main class, unless it is a launcher; empty for null or a class without package. */
  public static List<String> fromMainClass(String mainClass) {
    if (mainClass == null) {
      return List.of();
    }
    String name = mainClass.trim();
    int dot = name.lastIndexOf('.');
    if (dot <= 0) {
      return List.of();
    }
    for (String launcher : LAUNCHERS) {
      if (name.startsWith(launcher)) {
        return List.of();
      }
    }
    return List.of(name.substring(0, dot));
  }

  /** Spring Boot's {@code Start-Class} when present (its {@code Main-Class} is the loader), else {@code Main-Class}. */
  static String mainClassOf(Manifest manifest) {
    if (manifest == null) {
      return null;
    }
    Attributes a = manifest.getMainAttributes();
    String start = a.getValue("Start-Class");
    return start != null ? start : a.getValue(Attributes.Name.MAIN_CLASS);
  }

  private static String mainClassOfJar(String path) {
    Path jar = Paths.get(path);
    if (!Files.isRegularFile(jar)) {
      return null;
    }
    try (JarFile file = new JarFile(jar.toFile())) {
      return mainClassOf(file.getManifest());
    } catch (IOException e) {
      return null;
    }
  }

  /** An unpacked Spring Boot app (a layered image run with its loader): the Start-Class of a manifest on the class path. */
  private static List<String> fromStartClassOnClasspath() {
    ClassLoader loader = ClassLoader.getSystemClassLoader();
    try {
      Enumeration<URL> manifests = loader.getResources(JarFile.MANIFEST_NAME);
      while (manifests.hasMoreElements()) {
        try (InputStream in = manifests.nextElement().openStream()) {
          String start = new Manifest(in).getMainAttributes().getValue("Start-Class");
          if (start != null) {
            return fromMainClass(start);
          }
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    return List.of();
  }
}
