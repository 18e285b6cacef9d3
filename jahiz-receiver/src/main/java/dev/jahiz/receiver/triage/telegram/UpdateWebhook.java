package dev.jahiz.receiver.triage.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jahiz.receiver.http.ApiError;
import dev.jahiz.receiver.http.Json;
import dev.jahiz.telegram.TelegramTransport;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes button presses as Telegram posts them to {@code POST /telegram/webhook}: registered with
 * {@code setWebhook} and a {@code secret_token} at start, and each update accepted only with that
 * token in {@code X-Telegram-Bot-Api-Secret-Token}, compared in constant time (401 otherwise).
 */
public final class UpdateWebhook {
  public static final String PATH = "/telegram/webhook";
  private static final Logger log = LoggerFactory.getLogger(UpdateWebhook.class);
  private static final String HEADER = "X-Telegram-Bot-Api-Secret-Token";

  private final ButtonPresses presses;
  private final byte[] secret;

  public UpdateWebhook(ButtonPresses presses, String secret) {
    this.presses = presses;
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  /** Tells Telegram where to post; a failure is logged and leaves the buttons unanswered, nothing else. */
  public void register(TelegramTransport bot, String publicUrl, String secretToken) {
    ObjectNode p = JsonNodeFactory.instance.objectNode().put("url", publicUrl + PATH)
        .put("secret_token", secretToken);
    p.putArray("allowed_updates").add("callback_query");
    TelegramTransport.BotApiAnswer answer = bot.callMethod("setWebhook", p);
    if (answer.isOk()) {
      log.info("Telegram posts button presses to {}{}", publicUrl, PATH);
    } else {
      log.error("setWebhook to {}{} failed ({}); button presses will not arrive", publicUrl, PATH, answer.failure());
    }
  }

  public void register(RoutesConfig routes) {
    routes.post(PATH, this::update);
  }

  private void update(Context ctx) {
    String presented = ctx.header(HEADER);
    if (presented == null || !MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8))) {
      throw ApiError.of(401, "unauthorized", HEADER + " does not match JAHIZ_TELEGRAM_WEBHOOK_SECRET");
    }
    JsonNode update;
    try {
      update = Json.MAPPER.readTree(ctx.bodyAsBytes());
    } catch (java.io.IOException e) {
      throw ApiError.of(400, "invalid JSON", "the update is not JSON");
    }
    presses.handle(update); // a database failure answers 503, and Telegram posts the update again
    Json.respond(ctx, 200, Json.object("ok", true));
  }
}
