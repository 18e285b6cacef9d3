package dev.jahiz.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Loads Jahiz's classes as a Java 8 JVM would: a class file newer than Java 8's (major 52) is
 * refused with the {@link UnsupportedClassVersionError} Java 8 throws. Everything else (the JDK,
 * the logging framework) comes from the test's own class path, except the prefixes given as loaded
 * afresh: those are defined here too, without the rule (a framework whose registries must find
 * Jahiz through this loader; its multi-release jars have Java 8 bases, which a Java 8 JVM reads).
 * No JDK 8 can be installed where the build runs.
 */
public final class Java8Jvm extends ClassLoader {
  public static final int JAVA_8 = 52;
  private final List<String> refused = new CopyOnWriteArrayList<>();
  private final List<String> loadedAfresh;

  public Java8Jvm(ClassLoader parent, String... loadedAfresh) {
    super(parent);
    this.loadedAfresh = Arrays.asList(loadedAfresh);
  }

  /** The Jahiz classes a Java 8 JVM could not have loaded. */
  public List<String> refused() {
    return refused;
  }

  public static int majorVersion(byte[] classFile) {
    return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    boolean afresh = loadedAfresh.stream().anyMatch(name::startsWith);
    if (!afresh && !name.startsWith("dev.jahiz.")) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null) {
        byte[] bytes = bytesOf(name);
        int major = majorVersion(bytes);
        if (major > JAVA_8 && !afresh) {
          refused.add(name);
          throw new UnsupportedClassVersionError(name + " has been compiled by a more recent version of the Java"
              + " Runtime (class file version " + major + ".0), this version of the Java Runtime only recognizes"
              + " class file versions up to 52.0");
        }
        loaded = defineClass(name, bytes, 0, bytes.length);
      }
      if (resolve) {
        resolveClass(loaded);
      }
      return loaded;
    }
  }

  private byte[] bytesOf(String name) throws ClassNotFoundException {
    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
      if (in == null) {
        throw new ClassNotFoundException(name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
