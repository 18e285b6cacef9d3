package dev.jahiz.bench;

import com.example.checkout.Failures;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parts of Jahiz's caller path, to say where its cost goes. {@code weighLikePending} is what
 * {@code dev.jahiz.client.Pending} did for every event on the logging thread until it was measured
 * here: a {@code getStackTrace()} per cause, each a fresh copy of the frame array (now the weight is
 * estimated without the frames and corrected once the report is encoded, off the caller's thread).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class JahizPieces {
  private final RuntimeException failure = Failures.realistic();

  @Benchmark
  public long weighLikePending() {
    long w = 512;
    int depth = 0;
    for (Throwable c = failure; c != null && depth < 8; c = c.getCause(), depth++) {
      String m = c.getMessage();
      w += 128 + 2L * (m == null ? 0 : m.length()) + (long) c.getStackTrace().length * 120;
    }
    return w;
  }

  @Benchmark
  public boolean threadNameCheck() {
    return Thread.currentThread().getName().startsWith("jahiz-");
  }
}
