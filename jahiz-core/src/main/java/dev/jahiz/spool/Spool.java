package dev.jahiz.spool;

import dev.jahiz.StatusListener;
import dev.jahiz.report.ErrorReport;
import dev.jahiz.report.InvalidReportException;
import dev.jahiz.report.ReportJson;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reports on disk until their destination has them, so that an app that exits, crashes or is
 * killed during an outage loses no alert: what one run could not deliver, the next start sends.
 *
 * <p>One file per report, written under a temporary name and renamed into place, so a reader never
 * sees half a report. Several JVMs may share a folder: each holds a lock on its own lock file
 * while it runs and names its reports after it; at start a client takes over the reports of owners
 * whose lock is free (they stopped or died) by renaming each to its own name, an atomic step only
 * one JVM can win, so no report is sent twice. A client bounds its own files in bytes and drops
 * the oldest first, counted and said.
 *
 * <p>Nothing here throws at the caller: a folder that cannot be used is said once, and the
 * client runs on with reports in memory only. Files are not fsync'ed: they outlive the process
 * (kill -9), not a power cut. Format: a first line {@value #FORMAT}, then the report's wire JSON.
 */
public final class Spool implements AutoCloseable {
  /** The first line of every file; a newer client writing another version leaves these alone. */
  public static final String FORMAT = "jahiz-spool 1";
  public static final long DEFAULT_MAX_BYTES = 4L * 1024 * 1024;
  private static final String REPORT = ".report";
  private static final String TEMP = ".tmp";
  private static final String LOCK = ".lock";

  private static final Spool NONE = new Spool();
  /** Owners running in this JVM; their lock files are not touched (see {@link #isGone}). */
  private static final Set<String> RUNNING_HERE = ConcurrentHashMap.newKeySet();

  private final Path dir;
  private final long maxBytes;
  private final StatusListener status;
  private final String owner;
  private final FileChannel lockChannel;
  private final FileLock lock;
  /** This client's files by name, oldest first (names start with the time they were written). */
  private final ConcurrentSkipListMap<String, Long> files = new ConcurrentSkipListMap<>();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong writtenBytes = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();

  private Spool() {
    this.dir = null;
    this.maxBytes = 0;
    this.status = StatusListener.silent();
    this.owner = null;
    this.lockChannel = null;
    this.lock = null;
  }

  private Spool(Path dir, long maxBytes, StatusListener status, String owner, FileChannel lockChannel, FileLock lock) {
    this.dir = dir;
    this.maxBytes = maxBytes;
    this.status = status;
    this.owner = owner;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /** A spool that keeps nothing: reports live in memory only. */
  public static Spool none() {
    return NONE;
  }

  /**
   * The default folder of one app's reports to one destination: under the system temporary
   * directory, named after the app and a hash of the destination (never a secret).
   */
  public static Path defaultDirectory(String appName, String destination) {
    String app = appName == null || appName.isBlank() ? "app" : appName.trim().replaceAll("[^A-Za-z0-9._-]", "_");
    String hash = Integer.toHexString(destination.hashCode() & 0x7fffffff);
    return Path.of(System.getProperty("java.io.tmpdir"), "jahiz-spool", app + "-" + hash);
  }

  /**
   * Opens (creating it when needed) a spool folder and claims this client's place in it. A folder
   * that cannot be written is said once through {@code status} and gives {@link #none()}.
   */
  public static Spool open(Path dir, long maxBytes, StatusListener status) {
    String owner = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    FileChannel channel = null;
    try {
      Files.createDirectories(dir);
      // Locked before it gets the name others look for: a lock file is never seen unlocked while its owner runs.
      Path temp = dir.resolve("tmp-" + owner + LOCK);
      channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      FileLock lock = channel.lock();
      Files.move(temp, dir.resolve(owner + LOCK), StandardCopyOption.ATOMIC_MOVE);
      RUNNING_HERE.add(owner);
      return new Spool(dir, maxBytes, status, owner, channel, lock);
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      status.onStatus(StatusListener.Level.WARN, "the spool folder " + dir + " cannot be used (" + e
          + "); undelivered reports are kept in memory only and lost at exit", null);
      return NONE;
    }
  }

  public boolean isEnabled() {
    return dir != null;
  }

  /** A report on disk, removed once delivered or rejected for good. */
  public static final class Entry {
    private final String name;

    private Entry(String name) {
      this.name = name;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** A report a previous run left undelivered, now owned by this client. */
  public static final class Leftover {
    private final ErrorReport report;
    private final Entry entry;

    private Leftover(ErrorReport report, Entry entry) {
      this.report = report;
      this.entry = entry;
    }

    public ErrorReport report() {
      return report;
    }

    public Entry entry() {
      return entry;
    }
  }

  /** Writes a report; null when it could not be (said, thinned), and the report lives in memory only. */
  public Entry write(ErrorReport report) {
    if (dir == null) {
      return null;
    }
    String key = String.format(Locale.ROOT, "%013d-%s-%06d", System.currentTimeMillis(), owner,
        sequence.incrementAndGet());
    String name = owner + "_" + key + REPORT;
    Path temp = dir.resolve(owner + "_" + key + TEMP);
    try {
      byte[] json = ReportJson.toJson(report);
      byte[] header = (FORMAT + "\n").getBytes(StandardCharsets.US_ASCII);
      byte[] content = Arrays.copyOf(header, header.length + json.length);
      System.arraycopy(json, 0, content, header.length, json.length);
      Files.write(temp, content);
      Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
      written.incrementAndGet();
      writtenBytes.addAndGet(content.length);
      track(name, content.length);
      return new Entry(name);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(temp);
      long n = failures.incrementAndGet();
      if (n == 1 || n % 100 == 0) {
        status.onStatus(StatusListener.Level.WARN, "could not write a report to the spool folder " + dir + " (" + e
            + "); it is kept in memory only (" + n + " so far)", null);
      }
      return null;
    }
  }

  /** Forgets a report its destination has, or refused for good. */
  public void remove(Entry entry) {
    if (entry == null || dir == null) {
      return;
    }
    Long size = files.remove(entry.name);
    if (size != null) {
      bytes.addAndGet(-size);
    }
    deleteQuietly(dir.resolve(entry.name));
  }

  private void track(String name, long size) {
    files.put(name, size);
    long total = bytes.addAndGet(size);
    while (total > maxBytes) {
      Map.Entry<String, Long> oldest = files.pollFirstEntry();
      if (oldest == null) {
        return;
      }
      total = bytes.addAndGet(-oldest.getValue());
      deleteQuietly(dir.resolve(oldest.getKey()));
      long n = dropped.incrementAndGet();
      if (n == 1 || n % 100 == 0) {
        status.onStatus(StatusListener.Level.WARN, "the spool is full (" + maxBytes / 1024 + " KiB): dropped the "
            + "oldest report from disk (" + n + " so far); it is still sent if this run can, but lost if it exits first",
            null);
      }
    }
  }

  /**
   * Takes over the reports of every owner that no longer runs, each by an atomic rename only one
   * JVM can win, and reads them; oldest first. Files of a newer format are left for a newer client.
   */
  public List<Leftover> takeLeftovers() {
    List<Leftover> out = new ArrayList<>();
    if (dir == null) {
      return out;
    }
    try {
      for (String gone : ownersGone()) {
        claim(gone);
      }
      List<String> mine = new ArrayList<>();
      try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, owner + "_*" + REPORT)) {
        for (Path p : stream) {
          mine.add(p.getFileName().toString());
        }
      }
      mine.sort(null);
      for (String name : mine) {
        Leftover leftover = read(name);
        if (leftover != null) {
          out.add(leftover);
        }
      }
    } catch (IOException | RuntimeException e) {
      status.onStatus(StatusListener.Level.WARN, "could not read the spool folder " + dir + " (" + e
          + "); reports a previous run left there are not sent now", null);
    }
    return out;
  }

  /** Owners with reports here whose lock is free or gone: stopped, crashed or killed. */
  private List<String> ownersGone() throws IOException {
    List<String> owners = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path p : stream) {
        String name = p.getFileName().toString();
        int cut = name.indexOf('_');
        if (cut > 0 && (name.endsWith(REPORT) || name.endsWith(TEMP))) {
          String other = name.substring(0, cut);
          if (!other.equals(owner) && !owners.contains(other)) {
            owners.add(other);
          }
        }
      }
    }
    List<String> gone = new ArrayList<>();
    for (String other : owners) {
      if (isGone(other)) {
        gone.add(other);
      }
    }
    return gone;
  }

  /**
   * True when no process holds the owner's lock. While this client holds it, no other can take it
   * and so none claims the same owner's reports at the same time; renames settle the rest.
   */
  private boolean isGone(String other) {
    if (RUNNING_HERE.contains(other)) {
      // Not even opened: closing a second channel to a file drops this JVM's lock on it.
      return false;
    }
    Path lockFile = dir.resolve(other + LOCK);
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
      FileLock held = channel.tryLock();
      if (held == null) {
        return false;
      }
      held.release();
      return true;
    } catch (NoSuchFileException noLockFile) {
      return true;
    } catch (OverlappingFileLockException sameJvm) {
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  private void claim(String other) throws IOException {
    List<Path> theirs = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, other + "_*")) {
      stream.forEach(theirs::add);
    }
    for (Path p : theirs) {
      String name = p.getFileName().toString();
      if (name.endsWith(TEMP)) {
        deleteQuietly(p);
        continue;
      }
      try {
        Files.move(p, dir.resolve(owner + name.substring(other.length())), StandardCopyOption.ATOMIC_MOVE);
      } catch (NoSuchFileException takenByAnother) {
        // Another client won this one: it sends it.
      }
    }
    deleteQuietly(dir.resolve(other + LOCK));
  }

  private Leftover read(String name) {
    Path file = dir.resolve(name);
    try {
      byte[] content = Files.readAllBytes(file);
      int newline = indexOf(content, (byte) '\n');
      String header = newline < 0 ? "" : new String(content, 0, newline, StandardCharsets.US_ASCII);
      if (!header.equals(FORMAT)) {
        if (header.startsWith("jahiz-spool ")) {
          // A newer client's file (a downgrade): left as it is, for a newer client to send.
          status.onStatus(StatusListener.Level.WARN, "a spooled report in a newer format (" + header
              + ") is left in " + dir + " for a newer client: " + name, null);
          return null;
        }
        throw new IOException("not a spool file");
      }
      ErrorReport report = ReportJson.parse(Arrays.copyOfRange(content, newline + 1, content.length));
      track(name, content.length);
      return new Leftover(report, new Entry(name));
    } catch (InvalidReportException | IOException | RuntimeException e) {
      deleteQuietly(file);
      status.onStatus(StatusListener.Level.WARN, "a spooled report could not be read and is deleted: " + name, null);
      return null;
    }
  }

  /** Reports written to disk since start. */
  public long written() {
    return written.get();
  }

  /** Bytes of the reports written since start: what the spool costs the disk. */
  public long writtenBytes() {
    return writtenBytes.get();
  }

  /** Reports dropped from disk because the spool was full. */
  public long dropped() {
    return dropped.get();
  }

  /** Bytes of this client's reports on disk. */
  public long bytes() {
    return bytes.get();
  }

  public Path directory() {
    return dir;
  }

  /**
   * Lets go of this client's place; its undelivered reports stay for the next client to start.
   * The lock file goes first, so that one starting now finds the reports free.
   */
  @Override
  public void close() {
    if (dir == null) {
      return;
    }
    deleteQuietly(dir.resolve(owner + LOCK));
    try {
      lock.release();
    } catch (IOException | RuntimeException ignored) {
      // closing the channel releases it too
    }
    closeQuietly(lockChannel);
    RUNNING_HERE.remove(owner);
  }

  @Override
  public String toString() {
    return dir == null ? "Spool(none)" : "Spool(" + dir + ")";
  }

  private static int indexOf(byte[] content, byte b) {
    for (int i = 0; i < Math.min(content.length, 64); i++) {
      if (content[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException | RuntimeException ignored) {
      // a file that cannot be deleted is taken for delivered again at the next start: at worst a repeat
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing held
      }
    }
  }
}
