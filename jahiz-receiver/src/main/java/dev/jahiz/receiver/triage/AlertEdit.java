package dev.jahiz.receiver.triage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jahiz.telegram.TelegramMessage;
import dev.jahiz.telegram.TelegramTransport;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * How an alert is edited once its group was triaged, whether from its buttons, the web inbox or the
 * API: one line saying what was done, by whom and when ({@code ✅ Resolved by @alice · 2026-11-30
 * 07:15 UTC}), and the buttons the group's new state still offers. Declared once so the chat tells
 * the same story whichever way people acted.
 */
public final class AlertEdit {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  /** The callback data of the line shown as a button when the text has no room for it; a press does nothing. */
  public static final String NOOP = "noop";

  private AlertEdit() {}

  public static String line(TriageAction action, TriageActor actor, Instant at) {
    return action.done() + " " + actor.phrase() + " · " + WHEN.format(at);
  }

  /**
   * The {@code editMessageText} parameters that append {@code line} to an alert's text (a Telegram
   * {@code Message}), keeping its formatting (the entities Telegram gave) and setting {@code keyboard};
   * empty when the text has no room for the line, or is unknown.
   */
  public static Optional<ObjectNode> appended(JsonNode message, String line, ObjectNode keyboard) {
    String text = message.path("text").asText(null);
    String appended = "\n\n" + line;
    if (text == null || text.length() + appended.length() > TelegramMessage.MAX_LENGTH) {
      return Optional.empty();
    }
    ObjectNode p = JsonNodeFactory.instance.objectNode().put("text", text + appended);
    if (message.has("entities")) {
      p.set("entities", message.get("entities"));
    }
    p.putObject("link_preview_options").put("is_disabled", true);
    p.set("reply_markup", keyboard);
    return Optional.of(p);
  }

  /** The new state's buttons ({@link AlertButtons#forState}) as Telegram's inline keyboard. */
  public static ObjectNode keyboard(AlertButtons buttons, String fingerprint, String state) {
    return TelegramTransport.inlineKeyboard(buttons.forState(fingerprint, state));
  }

  /** The new state's buttons with {@code line} as a first row that does nothing: for an alert whose text cannot take it. */
  public static ObjectNode keyboardWithLine(AlertButtons buttons, String fingerprint, String state, String line) {
    ObjectNode keyboard = keyboard(buttons, fingerprint, state);
    ((ArrayNode) keyboard.get("inline_keyboard")).insertArray(0).addObject().put("text", line).put("callback_data", NOOP);
    return keyboard;
  }
}
