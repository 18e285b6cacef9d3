package dev.jahiz.agent.apps;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two worker threads die of an exception: one that nobody logged, and one that the task logged
 * before rethrowing it. The JVM then exits at once.
 */
public final class CrashingWorkerApp {
  public static void main(String[] args) throws InterruptedException {
    Logger log = LoggerFactory.getLogger("com.example.workers.Importer");
    Thread silent = new Thread(() -> {
      throw new IllegalStateException("worker crashed on batch 7");
    }, "worker-1");
    silent.start();
    silent.join();
    Thread logged = new Thread(() -> {
      IllegalArgumentException e = new IllegalArgumentException("bad row 12");
      log.error("import task failed", e);
      throw e;
    }, "worker-2");
    logged.start();
    logged.join();
  }
}
