package dev.jahiz.client;

import dev.jahiz.filter.IgnoreRules;
import dev.jahiz.StatusListener;
import dev.jahiz.delivery.Pacing;
import dev.jahiz.delivery.Transport;
import dev.jahiz.device.DeviceInfoSource;
import dev.jahiz.fingerprint.StackFrames;
import dev.jahiz.pipeline.Pipeline;
import dev.jahiz.report.ErrorReport;
import dev.jahiz.spool.Spool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The single entry point for reporting: {@link #report} hands a report to a pipeline of three
 * stages and returns at once.
 *
 * <pre>
 * logging thread ──offer──▶ buffer ──▶ preparer thread (group → enrich) ──▶ sender thread(s) (pace → send → retry)
 * </pre>
 *
 * (the stages live in {@code dev.jahiz.pipeline}, see {@link Pipeline}).
 *
 * <p>On the calling thread it only weighs the report and offers it to a lock-free queue bounded by
 * count and bytes; when full, the report is dropped and counted, and the next message says so. It
 * never blocks, never throws, and ignores reports made from its own threads or while already
 * reporting on the same thread, so a failing delivery cannot feed itself.
 *
 * <pre>{@code
 * JahizClient jahiz = JahizClient.builder(TelegramTransport.builder().botToken(t).chatId(c).build()).build();
 * jahiz.report(ErrorReport.of("payment failed"), exception);
 * jahiz.close();   // delivers what is queued, within the close timeout
 * }</pre>
 */
public final class JahizClient implements AutoCloseable {
  public static final String VERSION = "0.1.0";
  /** Every thread Jahiz starts has a name with this prefix. */
  public static final String THREAD_PREFIX = "jahiz-";

  public static final int DEFAULT_QUEUE_CAPACITY = 1_000;
  public static final long DEFAULT_QUEUE_BYTES = 4L * 1024 * 1024;
  public static final Duration DEFAULT_GROUPING_WINDOW = Duration.ofSeconds(60);
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);
  public static final int DEFAULT_MAX_ATTEMPTS = 6;
  public static final Duration DEFAULT_MAX_RETRY_TIME = Duration.ofMinutes(2);

  /**
   * Set while this thread is inside {@link #report}. A flag flipped in place rather than a value set
   * and removed: removing churns the thread's ThreadLocal table on every call.
   */
  private static final ThreadLocal<boolean[]> REPORTING = ThreadLocal.withInitial(() -> new boolean[1]);

  private final Transport transport;
  private final StatusListener status;
  private final Pipeline pipeline;
  private final Duration closeTimeout;
  private final AutoCloseable ownedDeviceSource;

  private JahizClient(Builder b) {
    this.transport = b.transport;
    this.status = b.status;
    this.closeTimeout = b.closeTimeout;
    this.ownedDeviceSource = b.ownedDeviceSource;
    this.pipeline = Pipeline.builder()
        .buffer(b.queueCapacity, b.queueBytes)
        .preparation(b.groupingWindow, b.stackFrames, b.defaults, b.deviceInfo, b.ignore)
        .delivery(b.transport, b.pacing, b.maxAttempts, b.maxRetryTime)
        .spool(b.spoolDirectory, b.spoolBytes)
        .status(b.status)
        .start();
  }

  public static Builder builder(Transport transport) {
    return new Builder().transport(transport);
  }

  /** A builder whose {@link Builder#transport} is set later, e.g. once settings are checked. */
  public static Builder builder() {
    return new Builder();
  }

  /** True on threads Jahiz itself runs: anything they log must not be reported again. */
  public static boolean isJahizThread() {
    return Thread.currentThread().getName().startsWith(THREAD_PREFIX);
  }

  /** Queues a report; returns at once, never throws. */
  public void report(ErrorReport report) {
    report(report, null);
  }

  /**
   * Queues a report and the throwable it came from; the trace is rendered later, off this thread.
   * Returns at once, never throws.
   */
  public void report(ErrorReport report, Throwable throwable) {
    boolean[] reporting = REPORTING.get();
    if (report == null || reporting[0] || isJahizThread()) {
      return;
    }
    reporting[0] = true;
    try {
      pipeline.offer(report, throwable);
    } catch (Throwable t) {
      // Never at the host: a broken report is our problem, not the caller's.
      try {
        status.onStatus(StatusListener.Level.ERROR, "could not queue a report", t);
      } catch (Throwable ignored) {
        // the status listener failed too; nothing left to tell
      }
    } finally {
      reporting[0] = false;
    }
  }

  /**
   * Sends everything accepted so far, including the counts of repeats still inside their grouping
   * window, and waits for it up to {@code timeout}. True when nothing is left.
   */
  public boolean flush(Duration timeout) {
    return pipeline.flush(timeout);
  }

  /** {@link #close(Duration)} with the configured close timeout (5 s by default). */
  @Override
  public void close() {
    close(closeTimeout);
  }

  /**
   * Stops taking reports, delivers what is queued within the timeout, then stops the threads and
   * the transport. Whatever could not be delivered in time is counted and said. Safe to call twice.
   */
  public void close(Duration timeout) {
    if (pipeline.close(timeout) && ownedDeviceSource != null) {
      try {
        ownedDeviceSource.close();
      } catch (Exception e) {
        status.onStatus(StatusListener.Level.WARN, "closing the device sampler failed", e);
      }
    }
  }

  public boolean isClosed() {
    return pipeline.isClosed();
  }

  public Counters counters() {
    return pipeline.counters();
  }

  public Transport transport() {
    return transport;
  }

  @Override
  public String toString() {
    return "JahizClient(" + transport.describe() + ", " + counters() + ")";
  }

  public static final class Builder {
    private Transport transport;
    private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
    private long queueBytes = DEFAULT_QUEUE_BYTES;
    private Duration groupingWindow = DEFAULT_GROUPING_WINDOW;
    private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration maxRetryTime = DEFAULT_MAX_RETRY_TIME;
    private StackFrames stackFrames = StackFrames.forThisApplication();
    private ReportDefaults defaults = ReportDefaults.none();
    private IgnoreRules ignore = IgnoreRules.none();
    private DeviceInfoSource deviceInfo = DeviceInfoSource.none();
    private AutoCloseable ownedDeviceSource;
    private StatusListener status = StatusListener.stderr();
    private Pacing pacing = Pacing.unlimited();
    private Path spoolDirectory;
    private long spoolBytes = Spool.DEFAULT_MAX_BYTES;

    private Builder() {}

    /** Where reports go. */
    public Builder transport(Transport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /** Most reports held at once, queued or in delivery (default 1,000). */
    public Builder queueCapacity(int reports) {
      if (reports < 1) {
        throw new IllegalArgumentException("queueCapacity must be at least 1, was " + reports);
      }
      this.queueCapacity = reports;
      return this;
    }

    /** Most estimated bytes held at once (default 4 MiB): a 200 KB trace weighs 200 KB. */
    public Builder queueBytes(long bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("queueBytes must be at least 1024, was " + bytes);
      }
      this.queueBytes = bytes;
      return this;
    }

    /** Repeats of a fingerprint within this window are counted into one follow-up (default 60 s). */
    public Builder groupingWindow(Duration window) {
      if (window.isNegative()) {
        throw new IllegalArgumentException("groupingWindow must not be negative, was " + window);
      }
      this.groupingWindow = window;
      return this;
    }

    /** How long {@link #close()} may take to deliver what is queued (default 5 s). */
    public Builder closeTimeout(Duration timeout) {
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("closeTimeout must not be negative, was " + timeout);
      }
      this.closeTimeout = timeout;
      return this;
    }

    /** Attempts per message for 5xx, I/O errors and 429s (default 6). */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1, was " + attempts);
      }
      this.maxAttempts = attempts;
      return this;
    }

    /** The longest a message is retried before it is given up (default 2 min). */
    public Builder maxRetryTime(Duration time) {
      this.maxRetryTime = Objects.requireNonNull(time);
      return this;
    }

    /**
     * A limit of your own on top of the destination's, e.g. {@code Pacing.perMinute(6)} for a quiet
     * chat; Telegram's published limits always apply.
     */
    public Builder pacing(Pacing pacing) {
      this.pacing = Objects.requireNonNull(pacing);
      return this;
    }

    /** Which packages are the application's, for locations, fingerprints and trace trimming. */
    public Builder stackFrames(StackFrames frames) {
      this.stackFrames = Objects.requireNonNull(frames);
      return this;
    }

    /**
     * Reports matching any of these rules are not sent, only counted ({@link Counters#filtered()}).
     * Checked on the preparer thread, never the caller's, with the defaults applied.
     */
    public Builder ignore(IgnoreRules rules) {
      this.ignore = Objects.requireNonNull(rules);
      return this;
    }

    public Builder defaults(ReportDefaults defaults) {
      this.defaults = Objects.requireNonNull(defaults);
      return this;
    }

    /** Where device info comes from (none by default); read on the preparer thread, never the caller's. */
    public Builder deviceInfo(DeviceInfoSource source) {
      this.deviceInfo = Objects.requireNonNull(source);
      this.ownedDeviceSource = null;
      return this;
    }

    /** Like {@link #deviceInfo} for a source the client closes with itself, such as a sampler. */
    public <S extends DeviceInfoSource & AutoCloseable> Builder ownedDeviceInfo(S source) {
      this.deviceInfo = Objects.requireNonNull(source);
      this.ownedDeviceSource = source;
      return this;
    }

    /**
     * Keeps each report on disk in this folder from before its first send attempt until its
     * destination has it, so that what an exit, crash or kill leaves undelivered is sent at the
     * next start (see {@link Spool}). Null (the default here; the appenders default to a folder
     * under the system temporary directory) keeps reports in memory only.
     */
    public Builder spool(Path directory) {
      this.spoolDirectory = directory;
      return this;
    }

    /** Most bytes this client keeps in its spool (default 4 MiB); the oldest reports go first. */
    public Builder spoolBytes(long bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("spoolBytes must be at least 1024, was " + bytes);
      }
      this.spoolBytes = bytes;
      return this;
    }

    /** Where Jahiz tells about itself (stderr by default); never the app's own loggers. */
    public Builder status(StatusListener status) {
      this.status = Objects.requireNonNull(status);
      return this;
    }

    public JahizClient build() {
      if (transport == null) {
        throw new IllegalStateException("no transport: set one with transport(...)");
      }
      return new JahizClient(this);
    }
  }
}
