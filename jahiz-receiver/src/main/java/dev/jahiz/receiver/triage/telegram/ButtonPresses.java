package dev.jahiz.receiver.triage.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jahiz.receiver.triage.AlertButtons;
import dev.jahiz.receiver.triage.AlertEdit;
import dev.jahiz.receiver.triage.GroupState;
import dev.jahiz.receiver.triage.GroupStates;
import dev.jahiz.receiver.triage.TriageAction;
import dev.jahiz.receiver.triage.TriageActor;
import dev.jahiz.telegram.TelegramTransport;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one Telegram update, however it arrived (long polling or webhook): a press of an alert's
 * Resolve / Mute button by a member of the alert chat changes the group, the alert is edited to say
 * who did what and when (as {@link AlertEdit} words it, with the buttons the new state offers), and every press is answered so the client stops spinning. An update seen
 * before is ignored.
 */
public final class ButtonPresses {
  private static final Logger log = LoggerFactory.getLogger(ButtonPresses.class);
  private static final Set<String> MEMBERS = Set.of("creator", "administrator", "member");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final TelegramTransport bot;
  private final String chatId;
  private final GroupStates states;
  private final UpdateLog updates;
  private final AlertButtons buttons;
  private final Clock clock;

  public ButtonPresses(TelegramTransport bot, String chatId, GroupStates states, AlertButtons buttons,
      UpdateLog updates, Clock clock) {
    this.buttons = buttons;
    this.bot = bot;
    this.chatId = chatId;
    this.states = states;
    this.updates = updates;
    this.clock = clock;
  }

  /** Throws {@link dev.jahiz.receiver.store.StoreException} when the update could not be recorded: it is to be retried. */
  public void handle(JsonNode update) {
    long updateId = update.path("update_id").asLong(-1);
    if (updateId < 0 || !updates.firstTime(updateId, clock.instant())) {
      return;
    }
    JsonNode press = update.path("callback_query");
    if (press.isMissingNode()) {
      return;
    }
    String pressId = press.path("id").asText();
    try {
      answer(pressId, act(press));
    } catch (RuntimeException e) {
      log.error("button press {} failed", updateId, e);
      answer(pressId, "Could not do that, try again.");
    }
  }

  /** Does what the press asks; returns what to tell the person. */
  private String act(JsonNode press) {
    JsonNode message = press.path("message");
    JsonNode from = press.path("from");
    Optional<TriageAction> action = TriageAction.fromCode(press.path("data").asText());
    if (action.isEmpty() || !AlertButtons.FROM_CHAT.contains(action.get())) {
      return "This button does nothing.";
    }
    if (!fromAlertChat(message.path("chat")) || !member(from.path("id").asLong())) {
      log.warn("refused {} from Telegram user {}: not a member of the alert chat", action.get().code(),
          from.path("id").asLong());
      return "Only members of the alert chat can do this.";
    }
    Optional<String> fingerprint = states.fingerprintOfMessage(message.path("message_id").asLong());
    if (fingerprint.isEmpty()) {
      return "This alert's group is no longer stored.";
    }
    TriageActor actor = TriageActor.person(actor(from));
    Instant now = clock.instant();
    GroupState state = states.apply(fingerprint.get(), action.get(), actor.name(), now);
    log.info("{} group {} from Telegram by {}", action.get().code(), fingerprint.get(), actor.name());
    edit(message, fingerprint.get(), state.name(now), AlertEdit.line(action.get(), actor, now));
    return action.get().done() + ".";
  }

  private boolean fromAlertChat(JsonNode chat) {
    return chatId.startsWith("@") ? chatId.substring(1).equalsIgnoreCase(chat.path("username").asText())
        : chatId.equals(chat.path("id").asText());
  }

  private boolean member(long userId) {
    ObjectNode p = NODES.objectNode().put("chat_id", chatId).put("user_id", userId);
    TelegramTransport.BotApiAnswer answer = bot.callMethod("getChatMember", p);
    if (!answer.isOk()) {
      log.warn("getChatMember for user {} failed: {}", userId, answer.failure());
      return false;
    }
    String status = answer.result().path("status").asText();
    return MEMBERS.contains(status) || ("restricted".equals(status) && answer.result().path("is_member").asBoolean());
  }

  /**
   * Appends who did it to the alert's text, keeping its formatting (the entities Telegram sent), with
   * the buttons the new state offers; when the text has no room, the line becomes a button row instead.
   */
  private void edit(JsonNode message, String fingerprint, String state, String done) {
    Optional<ObjectNode> text = AlertEdit.appended(message, done, AlertEdit.keyboard(buttons, fingerprint, state));
    ObjectNode p = text.orElseGet(() -> NODES.objectNode()
        .set("reply_markup", AlertEdit.keyboardWithLine(buttons, fingerprint, state, done)));
    p.put("chat_id", message.path("chat").path("id").asText()).put("message_id", message.path("message_id").asLong());
    TelegramTransport.BotApiAnswer answer = bot.callMethod(text.isPresent() ? "editMessageText"
        : "editMessageReplyMarkup", p);
    if (!answer.isOk()) {
      log.warn("could not edit the alert to say '{}': {}", done, answer.failure());
    }
  }

  private void answer(String pressId, String text) {
    TelegramTransport.BotApiAnswer answer = bot.callMethod("answerCallbackQuery",
        NODES.objectNode().put("callback_query_id", pressId).put("text", text));
    if (!answer.isOk()) {
      log.warn("answerCallbackQuery failed: {}", answer.failure());
    }
  }

  /** {@code @username}, else the person's name, else their id. */
  static String actor(JsonNode from) {
    if (from.hasNonNull("username")) {
      return "@" + from.get("username").asText();
    }
    String name = (from.path("first_name").asText("") + " " + from.path("last_name").asText("")).trim();
    return name.isEmpty() ? "user " + from.path("id").asText() : name;
  }
}
