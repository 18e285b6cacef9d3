package dev.jahiz.receiver.triage;

import dev.jahiz.receiver.api.ReadAuth;
import dev.jahiz.receiver.http.ApiError;
import dev.jahiz.receiver.delivery.DeliveryGate;
import dev.jahiz.receiver.triage.telegram.AlertEditor;
import dev.jahiz.receiver.triage.telegram.ButtonPresses;
import dev.jahiz.receiver.triage.telegram.UpdateLog;
import dev.jahiz.receiver.triage.telegram.UpdatePolling;
import dev.jahiz.receiver.store.Leases;
import dev.jahiz.receiver.triage.telegram.UpdateWebhook;
import dev.jahiz.telegram.TelegramTransport;
import io.javalin.config.RoutesConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Triage wired together: group states, the delivery gate that honours them, the HTTP API, and in
 * Telegram mode the alert buttons with the polling or webhook intake of their presses, and the edits
 * that make alerts say what was done in the web inbox or through the API.
 */
public final class Triage implements AutoCloseable {
  private final TriageSettings settings;
  private final GroupStates states;
  private final Clock clock;
  private final TelegramTransport bot;
  private final ButtonPresses presses;
  private final UpdatePolling polling;
  private final UpdateWebhook webhook;
  private final AlertButtons buttons;
  private final AlertEditor editor;
  private final GroupActions actions;

  /**
   * @param bot the Telegram transport alerts go out through, or null in console mode
   */
  public Triage(TriageSettings settings, DataSource dataSource, Leases leases, TelegramTransport bot, String chatId,
      Duration telegramTimeout, Clock clock, MeterRegistry meters) {
    this.settings = settings;
    this.states = new GroupStates(dataSource);
    this.clock = clock;
    this.bot = bot;
    boolean takesPresses = bot != null && settings.updates() != TriageSettings.Updates.OFF;
    this.buttons = new AlertButtons(takesPresses, settings.publicUrl().orElse(null));
    UpdateLog updates = new UpdateLog(dataSource);
    this.presses = takesPresses
        ? new ButtonPresses(bot, chatId, states, buttons, updates, clock) : null;
    this.editor = bot == null ? null : new AlertEditor(bot, chatId, states, buttons, clock, meters);
    this.actions = new GroupActions(states, editor);
    this.polling = takesPresses && settings.updates() == TriageSettings.Updates.POLLING
        ? new UpdatePolling(bot, presses, updates, Math.max(1, telegramTimeout.toSeconds() / 2), leases) : null;
    this.webhook = takesPresses && settings.updates() == TriageSettings.Updates.WEBHOOK
        ? new UpdateWebhook(presses, settings.webhookSecret().orElseThrow()) : null;
  }

  /** Triage's own POST routes, which are no report-writing endpoints for webhook monitoring to count. */
  public static boolean isTriageRoute(String path) {
    return path.startsWith("/groups/") || path.startsWith("/ui") || path.equals(UpdateWebhook.PATH);
  }

  public GroupStates states() {
    return states;
  }

  /** Triage from the web inbox and the API, which has the group's alerts edited. */
  public GroupActions actions() {
    return actions;
  }

  public AlertButtons buttons() {
    return buttons;
  }

  public DeliveryGate gate() {
    return new TriageGate(states, buttons, clock);
  }

  public StateAnnotations annotations() {
    return new StateAnnotations(states, clock);
  }

  public void register(RoutesConfig routes, ReadAuth auth) {
    new TriageRoutes(states, actions, auth, clock).register(routes);
    if (webhook != null) {
      webhook.register(routes);
    } else {
      routes.post(UpdateWebhook.PATH, ctx -> {
        throw ApiError.of(404, "not found", "Telegram updates are not taken by webhook here"
            + " (JAHIZ_TELEGRAM_UPDATES is " + settings.updates().name().toLowerCase(java.util.Locale.ROOT) + ")");
      });
    }
  }

  /** Starts taking button presses (after the HTTP server is up, for the webhook). */
  public void start() {
    if (polling != null) {
      polling.start();
    }
    if (webhook != null) {
      webhook.register(bot, settings.publicUrl().orElseThrow(), settings.webhookSecret().orElseThrow());
    }
  }

  @Override
  public void close() {
    if (polling != null) {
      polling.close();
    }
    if (editor != null) {
      editor.close();
    }
  }
}
