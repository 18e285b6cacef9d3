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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The caller-thread cost of {@code log.error("...", exception)} with jahiz-agent, side by side with
 * the floor (Logback with a no-op appender, no agent) and with Jahiz's Logback appender, in one JMH
 * run: {@code agent} logs through the same no-op appender as {@code floor}, in a fork started with
 * {@code -javaagent:jahiz-agent.jar} and the agent's settings as {@code -Djahiz.*} properties, so
 * what it adds to the floor is the agent (its hook in {@code Logger#callAppenders} and the
 * appender it runs), with the same Bot API fake and the same defaults as {@code appender}.
 *
 * <p>Run from the repository root, where the fork finds {@code jahiz-agent/target/jahiz-agent.jar}:
 * {@code java -jar benchmarks/target/benchmarks.jar AgentLogbackError}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AgentLogbackError {
  /** The agent reads its settings when the JVM starts, before any set-up: its fake's port is fixed. */
  static final int AGENT_BOT_API_PORT = 18_765;

  @State(Scope.Benchmark)
  public static class Failure {
    final RuntimeException exception = Failures.realistic();
    final Long order = 42_001L;
  }

  /** A logger with one appender, against a Bot API fake that answers. */
  public abstract static class Logging {
    LogbackSetup setup;
    org.slf4j.Logger log;

    abstract LogbackSetup create() throws Exception;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      setup = create();
      log = setup.logger;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
      setup.close();
      closed();
    }

    void closed() {}
  }

  @State(Scope.Benchmark)
  public static class Floor extends Logging {
    @Override
    LogbackSetup create() throws Exception {
      return LogbackSetup.create("floor", "up");
    }
  }

  @State(Scope.Benchmark)
  public static class Appender extends Logging {
    @Override
    LogbackSetup create() throws Exception {
      return LogbackSetup.create("jahiz-telegram", "up");
    }
  }

  /** The floor's no-op appender, in a JVM running the agent, whose Bot API is this fake. */
  @State(Scope.Benchmark)
  public static class WithAgent extends Logging {
    private Fakes.Endpoint botApi;

    @Override
    LogbackSetup create() throws Exception {
      botApi = new Fakes.Endpoint(Fakes.Mode.UP, AGENT_BOT_API_PORT);
      return LogbackSetup.create("floor", botApi);
    }

    @Override
    void closed() {
      int messages = botApi.delivered.get();
      botApi.close();
      // Without the agent this row would be a second floor, and look like a very cheap agent.
      if (messages == 0) {
        throw new IllegalStateException("the agent sent nothing: run from the repository root, after building"
            + " jahiz-agent/target/jahiz-agent.jar");
      }
      System.out.println("\n[agent] Bot API messages: " + messages);
    }
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
  public void floor(Floor logging, Failure failure) {
    logging.log.error("Payment failed for order {}", failure.order, failure.exception);
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
  public void appender(Appender logging, Failure failure) {
    logging.log.error("Payment failed for order {}", failure.order, failure.exception);
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-javaagent:jahiz-agent/target/jahiz-agent.jar",
      "-Djahiz.botToken=123456:fake-token", "-Djahiz.chatId=-100123",
      "-Djahiz.telegramApiUrl=http://127.0.0.1:" + AGENT_BOT_API_PORT, "-Djahiz.appName=checkout-api",
      "-Djahiz.environment=bench"})
  public void agent(WithAgent logging, Failure failure) {
    logging.log.error("Payment failed for order {}", failure.order, failure.exception);
  }
}
