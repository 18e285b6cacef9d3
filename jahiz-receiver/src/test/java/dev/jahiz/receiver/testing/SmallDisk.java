package dev.jahiz.receiver.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real, tiny filesystem (a tmpfs of a few MiB) to fill up: the disk-full faults SQLite meets in
 * production, not a simulation. Mounting needs root; elsewhere the test using it is skipped.
 */
public final class SmallDisk implements AutoCloseable {
  private final Path path;

  private SmallDisk(Path path) {
    this.path = path;
  }

  public static SmallDisk mount(Path at, int mebibytes) {
    try {
      Files.createDirectories(at);
      int rc = run("mount", "-t", "tmpfs", "-o", "size=" + mebibytes + "m", "tmpfs", at.toString());
      Assumptions.assumeTrue(rc == 0, "cannot mount a tmpfs here (needs root): the disk-full test is skipped");
      return new SmallDisk(at);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path path() {
    return path;
  }

  /** Writes to {@code file} until the filesystem has no space left. */
  public void fill(Path file) {
    byte[] block = new byte[4096];
    try (OutputStream out = Files.newOutputStream(file)) {
      while (true) {
        out.write(block);
      }
    } catch (IOException full) {
      // No space left on device: exactly what was wanted.
    }
  }

  @Override
  public void close() {
    run("umount", "-l", path.toString());
  }

  private static int run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().transferTo(OutputStream.nullOutputStream());
      return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
