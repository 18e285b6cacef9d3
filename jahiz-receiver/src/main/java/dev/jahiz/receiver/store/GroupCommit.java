package dev.jahiz.receiver.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores the reports of concurrent requests in shared transactions, one writer thread committing
 * what has queued up meanwhile: one commit (one fsync with {@code synchronous=FULL}) for many
 * requests, and no request waiting in SQLite's busy handler, which sleeps in steps of up to 100 ms
 * while another connection holds the write lock. Each caller still returns only once its own
 * reports are durable.
 */
public final class GroupCommit implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
  /** Reports in one transaction at most: bounds how long one commit holds the write lock. */
  static final int MAX_REPORTS = 1_000;

  private final ReportInserts store;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private final Runnable betweenCommits;
  private boolean closed; // guarded by this: nothing is queued once the writer may have stopped

  public GroupCommit(ReportInserts store) {
    this(store, () -> {});
  }

  /**
   * @param betweenCommits other writes for this thread to do between commits and when idle (webhook
   *     events): as the only writer it never waits for SQLite's lock, nor makes a request wait for it
   */
  public GroupCommit(ReportInserts store, Runnable betweenCommits) {
    this.store = store;
    this.betweenCommits = betweenCommits;
    this.writer = new Thread(this::run, "jahiz-receiver-writer");
    writer.setDaemon(true);
    writer.start();
  }

  /** Stores the reports together with whatever other requests are storing now; durable on return. */
  public List<Stored> insertAll(List<NewReport> reports) {
    Pending pending = new Pending(reports);
    synchronized (this) {
      if (closed) {
        throw new StoreException("the receiver is shutting down", null);
      }
      queue.add(pending);
    }
    try {
      return pending.result.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw e;
    }
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
        commit(batch);
        batch.clear();
        runBetweenCommits();
      } catch (InterruptedException e) {
        // Not how the receiver stops this thread (close() lets it drain), but never leave a caller waiting.
        synchronized (this) {
          closed = true;
        }
        queue.forEach(p -> p.result.completeExceptionally(new StoreException("the receiver is shutting down", e)));
        return;
      } catch (RuntimeException | Error e) {
        log.error("storing a batch of reports failed unexpectedly", e);
        batch.forEach(p -> p.result.completeExceptionally(e));
      } finally {
        batch.clear();
      }
    }
  }

  private void commit(List<Pending> batch) {
    if (batch.size() == 1) {
      complete(batch.get(0));
      return;
    }
    List<NewReport> all = new ArrayList<>();
    batch.forEach(p -> all.addAll(p.reports));
    List<Stored> stored;
    try {
      stored = store.insertAll(all);
    } catch (RuntimeException e) {
      // One request's failure (a database error, a report no column can hold) must not fail the
      // others: store each on its own, so only the requests whose own reports fail are refused.
      batch.forEach(this::complete);
      return;
    }
    int from = 0;
    for (Pending p : batch) {
      p.result.complete(stored.subList(from, from + p.reports.size()));
      from += p.reports.size();
    }
  }

  private void complete(Pending pending) {
    try {
      pending.result.complete(store.insertAll(pending.reports));
    } catch (RuntimeException e) {
      pending.result.completeExceptionally(e);
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

    Pending(List<NewReport> reports) {
      this.reports = reports;
    }
  }
}
