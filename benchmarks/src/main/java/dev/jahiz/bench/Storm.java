package dev.jahiz.bench;

import com.example.checkout.Failures;
import dev.jahiz.client.Counters;
import java.lang.management.ManagementFactory;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A storm: N ERROR events (default 1,000,000) of a few distinct failures over about S seconds from
 * T threads while the endpoint hangs (accepts, reads, never answers) or answers 429 retry_after 5.
 * Measures the live heap (after a full GC every 250 ms) above an idle baseline, the slowest single
 * call, what the appender counted, and what reached the endpoint; then lets the endpoint recover,
 * stops the appender (which delivers what is queued within its close timeout) and counts the
 * messages the whole storm produced.
 *
 * <pre>java -Xmx1g -cp benchmarks/target/benchmarks.jar dev.jahiz.bench.Storm --mode hang</pre>
 *
 * Options: --appender floor|jahiz-telegram|jahiz-receiver|sentry (jahiz-telegram), --mode
 * hang|429|up (hang), --events (1000000), --seconds (10), --threads (2), --distinct (3), --fresh
 * true (a new exception per event, as in a real app, so what the appender holds on to counts; the
 * default reuses 256 pre-made exceptions per failure), --heap false (no heap sampling: its full GCs
 * every 250 ms stop the logging threads and dominate the slowest-call figure).
 */
public final class Storm {
  public static void main(String[] args) throws Exception {
    String appender = "jahiz-telegram";
    String mode = "hang";
    long events = 1_000_000;
    int seconds = 10;
    int threads = 2;
    int distinct = 3;
    boolean fresh = false;
    boolean sampleHeap = true;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--appender": appender = args[i + 1]; break;
        case "--mode": mode = args[i + 1]; break;
        case "--events": events = Long.parseLong(args[i + 1]); break;
        case "--seconds": seconds = Integer.parseInt(args[i + 1]); break;
        case "--threads": threads = Integer.parseInt(args[i + 1]); break;
        case "--distinct": distinct = Integer.parseInt(args[i + 1]); break;
        case "--fresh": fresh = Boolean.parseBoolean(args[i + 1]); break;
        case "--heap": sampleHeap = Boolean.parseBoolean(args[i + 1]); break;
        default: throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Fakes.Mode stormMode = mode.equals("hang") ? Fakes.Mode.HANG
        : mode.equals("429") ? Fakes.Mode.TOO_MANY_REQUESTS : Fakes.Mode.UP;

    // Failures made before the baseline, stack traces materialised: the app's own, not the appender's.
    int perKind = 256;
    RuntimeException[][] pool = new RuntimeException[distinct][perKind];
    for (int k = 0; k < distinct; k++) {
      for (int j = 0; j < perKind; j++) {
        pool[k][j] = Failures.distinct(k);
        for (Throwable t = pool[k][j]; t != null; t = t.getCause()) {
          t.getStackTrace();
        }
      }
    }

    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    try (Fakes.Endpoint endpoint = new Fakes.Endpoint(Fakes.Mode.UP);
        LogbackSetup setup = LogbackSetup.create(appender, endpoint)) {
      // Warm up the whole path (HTTP client, JSON, rendering) with an unrelated failure, delivered.
      for (int i = 0; i < 3; i++) {
        setup.logger.error("warm-up " + i, new IllegalStateException("warm-up failure"));
      }
      Thread.sleep(3000);
      int deliveredBefore = endpoint.delivered.get();
      endpoint.mode(stormMode);
      long baseline = liveHeap(memory);
      System.out.printf(Locale.ROOT, "storm: %s, endpoint %s, %,d events of %d failures (%s) from %d threads over ~%d s%n",
          appender, mode, events, distinct, fresh ? "a new exception each" : "pre-made exceptions", threads, seconds);
      System.out.printf(Locale.ROOT, "idle live heap (baseline): %.1f MiB%n", baseline / 1048576.0);

      AtomicLong peak = new AtomicLong(baseline);
      Thread sampler = new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          peak.accumulateAndGet(liveHeap(memory), Math::max);
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
        }
      }, "heap-sampler");
      sampler.setDaemon(true);

      long perThread = events / threads;
      long nanosPerEvent = TimeUnit.SECONDS.toNanos(seconds) / perThread;
      AtomicLong slowest = new AtomicLong();
      AtomicInteger overOneMs = new AtomicInteger();
      List<Thread> loggers = new ArrayList<>();
      final int kinds = distinct;
      final boolean freshFailures = fresh;
      for (int t = 0; t < threads; t++) {
        final int id = t;
        loggers.add(new Thread(() -> {
          org.slf4j.Logger log = setup.logger;
          long start = System.nanoTime();
          long worst = 0;
          for (long i = 0; i < perThread; i++) {
            int kind = (int) ((i + id) % kinds);
            RuntimeException e = freshFailures ? Failures.distinct(kind) : pool[kind][(int) ((i / kinds) % perKind)];
            long before = System.nanoTime();
            log.error("Checkout failed for order {}", i, e);
            long took = System.nanoTime() - before;
            if (took > worst) {
              worst = took;
            }
            if (took > 1_000_000) {
              overOneMs.incrementAndGet();
            }
            if ((i & 127) == 127) {
              long ahead = start + i * nanosPerEvent - System.nanoTime();
              if (ahead > 0) {
                LockSupport.parkNanos(ahead);
              }
            }
          }
          slowest.accumulateAndGet(worst, Math::max);
        }, "app-" + t));
      }
      long written0 = bytesWrittenByThisProcess();
      long t0 = System.nanoTime();
      if (sampleHeap) {
        sampler.start();
      }
      loggers.forEach(Thread::start);
      for (Thread t : loggers) {
        t.join();
      }
      double took = (System.nanoTime() - t0) / 1e9;
      peak.accumulateAndGet(liveHeap(memory), Math::max);
      sampler.interrupt();
      Counters during = setup.jahizCounters();
      System.out.printf(Locale.ROOT, "logged %,d events in %.1f s (%,.0f/s); slowest call %.2f ms; calls over 1 ms: %d%n",
          perThread * threads, took, perThread * threads / took, slowest.get() / 1e6, overOneMs.get());
      System.out.printf(Locale.ROOT, "peak live heap %.1f MiB: +%.1f MiB over the idle baseline%n",
          peak.get() / 1048576.0, (peak.get() - baseline) / 1048576.0);
      System.out.printf(Locale.ROOT, "endpoint during the storm: %d requests, %d answered 429, %d delivered%n",
          endpoint.requests.get(), endpoint.tooManyRequests.get(), endpoint.delivered.get() - deliveredBefore);
      if (during != null) {
        System.out.println("jahiz counters after the storm: " + during);
      }
      System.out.printf(Locale.ROOT, "bytes this process wrote (write calls, /proc/self/io wchar) during the storm: %,d;"
          + " spool %s%n", bytesWrittenByThisProcess() - written0, System.getProperty("jahiz.bench.spool", "true"));

      // Recovery: the endpoint answers again; stopping the appender delivers what is queued and the
      // repeat counts of each failure, within the close timeout.
      endpoint.mode(Fakes.Mode.UP);
      long closeStart = System.nanoTime();
      setup.close();
      Counters end = setup.jahizCounters();
      System.out.printf(Locale.ROOT, "recovered, appender stopped in %.1f s%n", (System.nanoTime() - closeStart) / 1e9);
      System.out.printf(Locale.ROOT, "messages the storm produced at the endpoint: %d (%d requests in all, %d answered 429)%n",
          endpoint.delivered.get() - deliveredBefore, endpoint.requests.get(), endpoint.tooManyRequests.get());
      if (end != null) {
        System.out.println("jahiz counters at the end: " + end);
      }
    }
  }

  /** What this process has handed to write calls so far (Linux), the spool's files included; -1 elsewhere. */
  private static long bytesWrittenByThisProcess() {
    try {
      for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/io"))) {
        if (line.startsWith("wchar:")) {
          return Long.parseLong(line.substring(6).trim());
        }
      }
    } catch (java.io.IOException | RuntimeException notLinux) {
      // unknown
    }
    return -1;
  }

  /**
   * The live heap: a full GC, then the heap pools' usage as that GC left them (read from the GC's own
   * record, so what the logging threads allocate right after it does not count).
   */
  private static long liveHeap(MemoryMXBean memory) {
    System.gc();
    GcInfo latest = null;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof com.sun.management.GarbageCollectorMXBean) {
        GcInfo info = ((com.sun.management.GarbageCollectorMXBean) gc).getLastGcInfo();
        if (info != null && (latest == null || info.getEndTime() > latest.getEndTime())) {
          latest = info;
        }
      }
    }
    if (latest == null) {
      return memory.getHeapMemoryUsage().getUsed();
    }
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage after = pool.getType() == MemoryType.HEAP ? latest.getMemoryUsageAfterGc().get(pool.getName()) : null;
      if (after != null) {
        used += after.getUsed();
      }
    }
    return used;
  }
}
