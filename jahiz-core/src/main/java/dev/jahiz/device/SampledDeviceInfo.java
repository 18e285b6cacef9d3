package dev.jahiz.device;

import dev.jahiz.StatusListener;
import dev.jahiz.report.DeviceInfo;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.software.os.OperatingSystem;

/**
 * Device info sampled on a daemon thread of its own and cached, so a report only reads a field.
 * Host, OS and version, architecture, JVM version and uptime, and CPU/memory/disk usage in percent
 * (via OSHI; disk is the file system of the working directory). Whatever cannot be read stays empty:
 * a failing probe never fails a report.
 */
public final class SampledDeviceInfo implements DeviceInfoSource, AutoCloseable {
  /** How often usage figures are refreshed unless told otherwise. */
  public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(30);

  private final ScheduledExecutorService sampler;
  private final StatusListener status;
  private volatile DeviceInfo latest;
  private volatile boolean warned;

  private Probe probe;
  private long[] previousTicks;
  private String hostname;

  private SampledDeviceInfo(Duration period, StatusListener status) {
    this.status = status;
    this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
      // The "jahiz-" name marks this as Jahiz's own thread: what OSHI logs from it never becomes a report.
      Thread t = new Thread(r, "jahiz-device-sampler");
      t.setDaemon(true);
      t.setPriority(Thread.MIN_PRIORITY);
      return t;
    });
    long millis = Math.max(1000, period.toMillis());
    sampler.scheduleWithFixedDelay(this::sampleQuietly, 0, millis, TimeUnit.MILLISECONDS);
  }

  /** Starts sampling now and every {@code period} after. */
  public static SampledDeviceInfo start(Duration period, StatusListener status) {
    return new SampledDeviceInfo(period, status);
  }

  public static SampledDeviceInfo start() {
    return start(DEFAULT_PERIOD, StatusListener.silent());
  }

  @Override
  public DeviceInfo current() {
    return latest;
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }

  private void sampleQuietly() {
    try {
      latest = sample();
    } catch (Throwable t) {
      // Unsupported platforms, missing native access or a sandbox: keep the last good sample.
      if (!warned) {
        warned = true;
        status.onStatus(StatusListener.Level.WARN, "device info partly unavailable", t);
      }
    }
  }

  private DeviceInfo sample() {
    DeviceInfo.Builder b = DeviceInfo.builder()
        .os(System.getProperty("os.name"))
        .osVersion(System.getProperty("os.version"))
        .architecture(System.getProperty("os.arch"))
        .jvmVersion(System.getProperty("java.vm.name") + " " + Runtime.version())
        .uptimeSeconds(ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
    if (hostname == null) {
      // Resolved once, here: a slow DNS must never stall a logging thread.
      hostname = attempt(() -> InetAddress.getLocalHost().getHostName());
    }
    b.hostname(hostname);
    b.diskUsage(attempt(SampledDeviceInfo::diskUsage));
    if (probe == null) {
      probe = attempt(Probe::new);
    }
    if (probe != null) {
      OperatingSystem os = attempt(probe.system::getOperatingSystem);
      if (os != null) {
        b.os(os.getFamily());
        String version = attempt(() -> os.getVersionInfo().toString());
        if (version != null) {
          b.osVersion(version);
        }
      }
      b.memoryUsage(attempt(() -> {
        GlobalMemory memory = probe.system.getHardware().getMemory();
        return percent(memory.getTotal() - memory.getAvailable(), memory.getTotal());
      }));
      b.cpuUsage(attempt(this::cpuUsage));
    }
    return b.build();
  }

  private Double cpuUsage() {
    CentralProcessor cpu = probe.system.getHardware().getProcessor();
    long[] ticks = cpu.getSystemCpuLoadTicks();
    Double usage = previousTicks == null ? null : round(cpu.getSystemCpuLoadBetweenTicks(previousTicks) * 100);
    previousTicks = ticks;
    return usage;
  }

  private static Double diskUsage() {
    File dir = new File(".").getAbsoluteFile();
    return percent(dir.getTotalSpace() - dir.getUsableSpace(), dir.getTotalSpace());
  }

  private static Double percent(long part, long whole) {
    return whole <= 0 ? null : round(100.0 * part / whole);
  }

  private static Double round(double value) {
    if (Double.isNaN(value) || value < 0) {
      return null;
    }
    return Math.min(100.0, Math.round(value * 10) / 10.0);
  }

  private <T> T attempt(Probe.Call<T> call) {
    try {
      return call.get();
    } catch (Throwable t) {
      if (!warned) {
        warned = true;
        status.onStatus(StatusListener.Level.WARN, "device info partly unavailable: " + t, null);
      }
      return null;
    }
  }

  private static final class Probe {
    final SystemInfo system = new SystemInfo();

    interface Call<T> {
      T get() throws Exception;
    }
  }

  @Override
  public String toString() {
    return "SampledDeviceInfo{" + latest + "}";
  }

}
