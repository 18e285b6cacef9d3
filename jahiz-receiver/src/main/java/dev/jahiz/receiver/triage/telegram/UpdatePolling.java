package dev.jahiz.receiver.triage.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jahiz.telegram.TelegramTransport;
import dev.jahiz.receiver.store.Leases;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes button presses by {@code getUpdates} long polling on one daemon thread: works behind NAT with
 * no public address. An update is confirmed (the next {@code offset}) only once handled, so one that
 * could not be recorded comes again; failures back off up to a minute. Among receivers sharing a
 * database only the one holding the polling lease polls (Telegram answers concurrent polls of one
 * bot with 409); another takes over within a poll's length when it stops.
 */
public final class UpdatePolling implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UpdatePolling.class);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

  private final TelegramTransport bot;
  private final ButtonPresses presses;
  private final long pollSeconds;
  private final Leases leases;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Thread thread;
  private long offset;

  /** @param pollSeconds how long Telegram holds a poll open; below the transport's read timeout */
  public UpdatePolling(TelegramTransport bot, ButtonPresses presses, UpdateLog updates, long pollSeconds,
      Leases leases) {
    this.leases = leases;
    this.bot = bot;
    this.presses = presses;
    this.pollSeconds = pollSeconds;
    this.offset = updates.lastUpdateId() + 1;
    this.thread = new Thread(this::run, "jahiz-telegram-updates");
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  private void run() {
    int failures = 0;
    while (stopped.getCount() > 0) {
      if (!pollingTurn()) {
        pause(TimeUnit.SECONDS.toMillis(pollSeconds));
        continue;
      }
      ObjectNode p = JsonNodeFactory.instance.objectNode().put("offset", offset).put("timeout", pollSeconds);
      p.putArray("allowed_updates").add("callback_query");
      TelegramTransport.BotApiAnswer answer = bot.callMethod("getUpdates", p);
      if (stopped.getCount() == 0) {
        return;
      }
      boolean ok = answer.isOk();
      if (ok) {
        try {
          for (JsonNode update : answer.result()) {
            presses.handle(update);
            offset = Math.max(offset, update.path("update_id").asLong() + 1);
          }
        } catch (RuntimeException e) {
          log.error("a Telegram update could not be handled; it is taken again later", e);
          ok = false;
        }
      } else if (failures == 0) {
        log.warn("getUpdates failed ({}); button presses wait. A 409 means a webhook is set for the bot or another"
            + " process polls it: delete the webhook or set JAHIZ_TELEGRAM_UPDATES=webhook or off", answer.failure());
      }
      failures = ok ? 0 : failures + 1;
      if (failures > 0) {
        long waitMillis = answer.retryAfterSeconds() != null ? answer.retryAfterSeconds() * 1000
            : Math.min(MAX_BACKOFF.toMillis(), 1000L << Math.min(failures - 1, 6));
        pause(waitMillis);
      }
    }
  }

  /** Takes or renews the polling lease: long enough for this poll, short enough to hand over. */
  private boolean pollingTurn() {
    try {
      return leases.take("job:telegram-updates", Duration.ofSeconds(pollSeconds * 2 + 10));
    } catch (RuntimeException e) {
      log.warn("the database did not say whose turn it is to poll Telegram; trying again later: {}", e.getMessage());
      return false;
    }
  }

  private void pause(long millis) {
    try {
      stopped.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped.countDown();
    }
  }

  @Override
  public void close() {
    stopped.countDown();
    thread.interrupt();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
