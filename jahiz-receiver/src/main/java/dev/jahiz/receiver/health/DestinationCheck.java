package dev.jahiz.receiver.health;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Whether the destination is reachable ({@code getMe} for Telegram), remembered for a while so that a
 * monitoring system polling {@code /health} does not turn into a stream of Bot API calls. A probe
 * never holds {@code /health} up for longer than {@link #WAIT}: a hanging Bot API would otherwise
 * make the health check itself time out, just when it matters.
 */
public final class DestinationCheck {
  static final Duration WAIT = Duration.ofSeconds(3);
  private static final Executor PROBES = r -> {
    Thread t = new Thread(r, "jahiz-destination-check");
    t.setDaemon(true);
    t.start();
  };

  private final String mode;
  private final Supplier<Status> probe;
  private final long ttlNanos;
  private Status cached;
  private long checkedAt;
  private CompletableFuture<Status> running;

  public DestinationCheck(String mode, Supplier<Status> probe, Duration ttl) {
    this.mode = mode;
    this.probe = probe;
    this.ttlNanos = ttl.toNanos();
  }

  public String mode() {
    return mode;
  }

  public Status status() {
    CompletableFuture<Status> probing;
    synchronized (this) {
      long now = System.nanoTime();
      if (cached != null && now - checkedAt < ttlNanos) {
        return cached;
      }
      probing = running;
      if (probing == null) {
        CompletableFuture<Status> started = CompletableFuture.supplyAsync(probe, PROBES);
        running = started;
        probing = started;
        // May run here and now, when the probe is already done: hence probing, not running, below.
        started.whenComplete((status, failure) -> remember(started, status, failure));
      }
    }
    try {
      return probing.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return new Status(false, "no answer within " + WAIT.toSeconds() + " s");
    } catch (ExecutionException e) {
      return new Status(false, "check failed: " + e.getCause().getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Status(false, "check interrupted");
    }
  }

  private synchronized void remember(CompletableFuture<Status> probed, Status status, Throwable failure) {
    if (running == probed) {
      running = null;
    }
    cached = failure == null ? status : new Status(false, "check failed: " + failure.getClass().getSimpleName());
    checkedAt = System.nanoTime();
  }

  /** Reachable or not, with the bot's name or why not; never the token. */
  public record Status(boolean ok, String detail) {}
}
