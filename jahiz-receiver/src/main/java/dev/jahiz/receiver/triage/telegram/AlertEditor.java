package dev.jahiz.receiver.triage.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jahiz.receiver.triage.AlertButtons;
import dev.jahiz.receiver.triage.AlertEdit;
import dev.jahiz.receiver.triage.GroupStates;
import dev.jahiz.receiver.triage.TriageAction;
import dev.jahiz.receiver.triage.TriageActor;
import dev.jahiz.telegram.TelegramTransport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Edits a group's Telegram alerts after it was triaged in the web inbox or through the API, so the
 * chat says what the inbox says, as a button press would: the {@link AlertEdit} line and the new
 * state's buttons. The Bot API gives no way to read a message, so each alert is edited twice: first
 * its buttons, the line as their first row ({@code editMessageReplyMarkup}, which answers the alert's
 * text), then its text, the line appended and the row gone ({@code editMessageText}). When the second
 * edit cannot be made the alert still says it, in its buttons, as a press leaves an alert whose text
 * has no room.
 *
 * <p>The edits run on one thread of their own, never in the web request: a 429 waits its
 * {@code retry_after}, a network failure or 5xx is retried with backoff, a refusal ("message is not
 * modified", a message that can no longer be edited) is final; each outcome is counted in
 * {@code jahiz_alert_edits_total{outcome}} and logged. Only the receiver that took the request edits,
 * so receivers sharing a database edit each alert once; an edit still waiting when its group changed
 * again is dropped, as the later change brings its own. Edits waiting when the receiver stops are lost.
 */
public final class AlertEditor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AlertEditor.class);
  /** The latest alerts of a group that are edited; older ones were most likely answered by the newer ones. */
  static final int MAX_MESSAGES = 5;
  private static final int MAX_ATTEMPTS = 8;
  private static final int MAX_WAITING = 1_000;
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

  private final TelegramTransport bot;
  private final String chatId;
  private final GroupStates states;
  private final AlertButtons buttons;
  private final Clock clock;
  private final MeterRegistry meters;
  private final ScheduledThreadPoolExecutor thread;

  public AlertEditor(TelegramTransport bot, String chatId, GroupStates states, AlertButtons buttons, Clock clock,
      MeterRegistry meters) {
    this.bot = bot;
    this.chatId = chatId;
    this.states = states;
    this.buttons = buttons;
    this.clock = clock;
    this.meters = meters;
    this.thread = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "jahiz-alert-edits");
      t.setDaemon(true);
      return t;
    });
    this.thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** Has the group's alerts edited to say {@code action} was done; returns at once and never throws. */
  public void triaged(String fingerprint, TriageAction action, TriageActor actor, Instant at, String newState) {
    if (thread.getQueue().size() >= MAX_WAITING) {
      count("dropped");
      log.warn("{} alert edits are waiting; the alerts of group {} are not edited to say '{}'", MAX_WAITING,
          fingerprint, AlertEdit.line(action, actor, at));
      return;
    }
    schedule(new Job(fingerprint, newState, AlertEdit.line(action, actor, at), null, 1), Duration.ZERO);
  }

  /** One group's pending edits; {@code steps} is null until its alerts are read, then what is left to do. */
  private record Job(String fingerprint, String state, String line, List<Step> steps, int attempt) {
    Job retry(List<Step> left) {
      return new Job(fingerprint, state, line, left, attempt + 1);
    }
  }

  /** One edit of one alert: its buttons while {@code message} is null, then its text, as the first edit answered it. */
  private record Step(long messageId, JsonNode message) {
    boolean buttons() {
      return message == null;
    }
  }

  private void schedule(Job job, Duration delay) {
    try {
      thread.schedule(() -> {
        try {
          run(job);
        } catch (RuntimeException e) {
          count("failed");
          log.error("editing the alerts of group {} failed", job.fingerprint(), e);
        }
      }, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      count("dropped"); // the receiver is stopping
    }
  }

  private void run(Job job) {
    List<Step> steps;
    try {
      if (!job.state().equals(states.of(job.fingerprint()).name(clock.instant()))) {
        count("superseded");
        return;
      }
      steps = job.steps() != null ? new ArrayList<>(job.steps())
          : new ArrayList<>(states.alertMessages(job.fingerprint(), MAX_MESSAGES).stream()
              .map(id -> new Step(id, null)).toList());
    } catch (RuntimeException e) {
      retry(job, job.steps(), null, "the database did not answer: " + e.getMessage());
      return;
    }
    while (!steps.isEmpty()) {
      Step step = steps.get(0);
      ObjectNode keyboard = AlertEdit.keyboard(buttons, job.fingerprint(), job.state());
      Optional<ObjectNode> text = step.buttons() ? Optional.empty() : AlertEdit.appended(step.message(), job.line(),
          keyboard);
      ObjectNode p = text.orElseGet(() -> JsonNodeFactory.instance.objectNode()
          .set("reply_markup", AlertEdit.keyboardWithLine(buttons, job.fingerprint(), job.state(), job.line())));
      p.put("chat_id", chatId).put("message_id", step.messageId());
      TelegramTransport.BotApiAnswer answer = bot.callMethod(text.isPresent() ? "editMessageText"
          : "editMessageReplyMarkup", p);
      if (!answer.isOk() && !refused(answer)) {
        retry(job, steps, answer.retryAfterSeconds(), answer.failure());
        return;
      }
      steps.remove(0);
      if (answer.isOk() && step.buttons() && AlertEdit.appended(answer.result(), job.line(), keyboard).isPresent()) {
        steps.add(0, new Step(step.messageId(), answer.result())); // the text next, now that it is known
      } else if (answer.isOk() || !step.buttons()) {
        count("edited"); // when the text could not take the line, the buttons say it
      } else {
        count(answer.failure().toLowerCase(Locale.ROOT).contains("not modified") ? "unchanged" : "refused");
      }
      if (!answer.isOk()) {
        log.warn("Telegram refused to edit alert {} of group {} to say '{}': {}", step.messageId(), job.fingerprint(),
            job.line(), answer.failure());
      }
    }
  }

  /** A 4xx other than 429 will not change by trying again. */
  private static boolean refused(TelegramTransport.BotApiAnswer answer) {
    String failure = String.valueOf(answer.failure());
    return answer.retryAfterSeconds() == null && failure.startsWith("HTTP 4") && !failure.startsWith("HTTP 429");
  }

  private void retry(Job job, List<Step> left, Long retryAfterSeconds, String why) {
    if (job.attempt() >= MAX_ATTEMPTS) {
      count("gave_up");
      log.warn("gave up editing the alerts of group {} to say '{}' after {} attempts: {}", job.fingerprint(),
          job.line(), job.attempt(), why);
      return;
    }
    Duration delay = retryAfterSeconds != null ? Duration.ofSeconds(Math.max(1, retryAfterSeconds))
        : Duration.ofSeconds(1L << Math.min(job.attempt() - 1, 6));
    delay = delay.compareTo(MAX_BACKOFF) > 0 && retryAfterSeconds == null ? MAX_BACKOFF : delay;
    count("retried");
    log.info("editing the alerts of group {} failed ({}); trying again in {} s", job.fingerprint(), why,
        delay.toSeconds());
    schedule(job.retry(left == null ? null : List.copyOf(left)), delay);
  }

  private void count(String outcome) {
    Counter.builder("jahiz.alert.edits").description("Alerts edited after triage in the web inbox or API,"
        + " by outcome").tag("outcome", outcome).register(meters).increment();
  }

  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
