package dev.jahiz.receiver.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores the reports of concurrent requests in shared transactions, one writer thread committing
 * what has queued up meanwhile: one commit (one fsync with {@code synchronous=FULL}) for many
 * requests, and no request waiting in SQLite's busy handler, which sleeps in steps of up to 100 ms
 * while another connection holds the write lock. Each caller still learns its outcome only once its
 * own reports are durable.
 *
 * <p>{@link #submit} lets a request thread go back to its pool instead of waiting: the writer hands
 * each committed batch to the completions executor in one task, which completes the batch's futures
 * (and so writes their answers) off the writer thread. Waiting request threads cost a context switch
 * each way per request, about a third of a request's CPU when the pace is set by the commits.
 */
public final class GroupCommit implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
  /** Reports in one transaction at most: bounds how long one commit holds the write lock. */
  static final int MAX_REPORTS = 1_000;

  private final ReportInserts store;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private final Runnable betweenCommits;
  private final Executor completions;
  private boolean closed; // guarded by this: nothing is queued once the writer may have stopped

  public GroupCommit(ReportInserts store) {
    this(store, () -> {}, Runnable::run);
  }

  /**
   * @param betweenCommits other writes for this thread to do between commits and when idle (webhook
   *     events): as the only writer it never waits for SQLite's lock, nor makes a request wait for it
   * @param completions runs the completion of each committed batch's futures, and what callers chained
   *     to them; a refused task runs on the writer thread
   */
  public GroupCommit(ReportInserts store, Runnable betweenCommits, Executor completions) {
    this.store = store;
    this.betweenCommits = betweenCommits;
    this.completions = completions;
    this.writer = new Thread(this::run, "jahiz-receiver-writer");
    writer.setDaemon(true);
    writer.start();
  }

  /** Stores the reports together with whatever other requests are storing now; durable on return. */
  public List<Stored> insertAll(List<NewReport> reports) {
    return await(submit(reports));
  }

  /** Waits for a {@link #submit}'s outcome, or what follows from it, throwing what the store threw. */
  public static <T> T await(CompletableFuture<T> outcome) {
    try {
      return outcome.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw e;
    }
  }

  /**
   * Queues the reports for the next commit. The future completes, on the completions executor, once
   * they are durable, or exceptionally with a {@link StoreException} (or what else failed).
   */
  public CompletableFuture<List<Stored>> submit(List<NewReport> reports) {
    Pending pending = new Pending(reports);
    synchronized (this) {
      if (closed) {
        return CompletableFuture.failedFuture(new StoreException("the receiver is shutting down", null));
      }
      queue.add(pending);
    }
    return pending.result;
  }

  private void run() {
    List<Pending> batch = new ArrayList<>();
    while (true) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          if (isClosed()) {
            return; // closed and drained
          }
          runBetweenCommits();
          continue;
        }
        batch.add(first);
        int reports = first.reports.size();
        Pending next;
        while (reports < MAX_REPORTS && (next = queue.peek()) != null
            && reports + next.reports.size() <= MAX_REPORTS) {
          batch.add(queue.remove());
          reports += next.reports.size();
        }
        complete(commit(batch));
        runBetweenCommits();
      } catch (InterruptedException e) {
        // Not how the receiver stops this thread (close() lets it drain), but never leave a caller waiting.
        synchronized (this) {
          closed = true;
        }
        List<Pending> left = new ArrayList<>(queue);
        queue.clear();
        left.forEach(p -> p.failure = new StoreException("the receiver is shutting down", e));
        complete(left);
        return;
      } catch (RuntimeException | Error e) {
        log.error("storing a batch of reports failed unexpectedly", e);
        batch.forEach(p -> p.failure = e);
        complete(List.copyOf(batch));
      } finally {
        batch.clear();
      }
    }
  }

  /** Completes the batch's futures in one task on the completions executor, or here if it refuses. */
  private void complete(List<Pending> done) {
    Runnable task = () -> done.forEach(Pending::complete);
    try {
      completions.execute(task);
    } catch (RejectedExecutionException e) {
      task.run(); // shutting down: the callers still get their outcome
    }
  }

  /** Stores the batch, settling each pending's outcome; returns the batch, to be completed. */
  private List<Pending> commit(List<Pending> batch) {
    List<Pending> done = List.copyOf(batch);
    if (batch.size() == 1) {
      storeAlone(batch.get(0));
      return done;
    }
    List<NewReport> all = new ArrayList<>();
    batch.forEach(p -> all.addAll(p.reports));
    List<Stored> stored;
    try {
      stored = store.insertAll(all);
    } catch (RuntimeException e) {
      // One request's failure (a database error, a report no column can hold) must not fail the
      // others: store each on its own, so only the requests whose own reports fail are refused.
      batch.forEach(this::storeAlone);
      return done;
    }
    int from = 0;
    for (Pending p : batch) {
      p.stored = stored.subList(from, from + p.reports.size());
      from += p.reports.size();
    }
    return done;
  }

  private void storeAlone(Pending pending) {
    try {
      pending.stored = store.insertAll(pending.reports);
    } catch (RuntimeException e) {
      pending.failure = e;
    }
  }

  private void runBetweenCommits() {
    try {
      betweenCommits.run();
    } catch (RuntimeException e) {
      log.warn("writing alongside the reports failed", e);
    }
  }

  private synchronized boolean isClosed() {
    return closed;
  }

  /** Stores what is already queued, then stops; later calls fail as the receiver is shutting down. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    try {
      writer.join(15_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final class Pending {
    final List<NewReport> reports;
    final CompletableFuture<List<Stored>> result = new CompletableFuture<>();
    // Set by the writer, read by the completing thread after the executor's hand-off.
    List<Stored> stored;
    Throwable failure;

    Pending(List<NewReport> reports) {
      this.reports = reports;
    }

    void complete() {
      if (failure != null) {
        result.completeExceptionally(failure);
      } else {
        result.complete(stored);
      }
    }
  }
}
