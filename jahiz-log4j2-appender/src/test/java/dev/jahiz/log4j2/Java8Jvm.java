package dev.jahiz.log4j2;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Loads Jahiz's classes as a Java 8 JVM would: a class file newer than Java 8's (major 52) is
 * refused with the {@link UnsupportedClassVersionError} Java 8 throws. Log4j is loaded afresh here
 * too, so that its plugin registry finds {@code <Jahiz>} through this loader (the test JVM's own
 * Log4j has long cached its plugins); the JDK comes from the test's class path. No JDK 8 can be
 * installed where the build runs.
 */
final class Java8Jvm extends ClassLoader {
  static final int JAVA_8 = 52;
  private final List<String> refused = new CopyOnWriteArrayList<>();

  Java8Jvm(ClassLoader parent) {
    super(parent);
  }

  /** The Jahiz classes a Java 8 JVM could not have loaded. */
  List<String> refused() {
    return refused;
  }

  static int majorVersion(byte[] classFile) {
    return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    boolean log4j = name.startsWith("org.apache.logging.log4j.");
    if (!name.startsWith("dev.jahiz.") && !log4j) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null) {
        byte[] bytes = bytesOf(name);
        int major = majorVersion(bytes);
        // Log4j's jars are multi-release (Java 9 variants of a few classes): a Java 8 JVM reads their
        // Java 8 base, so only Jahiz's classes and this test's own driver are held to the rule.
        boolean driver = name.startsWith("dev.jahiz.log4j2.Java8");
        if (major > JAVA_8 && !log4j && !driver) {
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
