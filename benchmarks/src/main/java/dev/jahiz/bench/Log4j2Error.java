package dev.jahiz.bench;

import com.example.checkout.Failures;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The caller-thread cost of {@code log.error("...", exception)} through Log4j2 with one appender.
 * Run with {@code -t 1} and {@code -t 2}; pick rows with {@code -p appender=... -p endpoint=...}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class Log4j2Error {
  @Param({"floor", "jahiz-telegram", "jahiz-receiver", "sentry"})
  public String appender;

  @Param({"up", "down", "hang"})
  public String endpoint;

  private Log4j2Setup setup;
  private org.apache.logging.log4j.Logger log;
  private RuntimeException failure;
  private final Long order = 42_001L;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    failure = Failures.realistic();
    setup = Log4j2Setup.create(appender, endpoint);
    log = setup.logger;
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    if (setup.jahizCounters() != null) {
      System.out.println("\n[jahiz] " + setup.jahizCounters());
    }
    setup.close();
  }

  @Benchmark
  public void error() {
    log.error("Payment failed for order {}", order, failure);
  }
}
