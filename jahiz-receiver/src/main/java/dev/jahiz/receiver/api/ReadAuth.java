package dev.jahiz.receiver.api;

import dev.jahiz.receiver.http.ApiError;
import dev.jahiz.webhook.WebhookSignature;
import io.javalin.http.Context;

/**
 * Stored reports carry user data (emails, ids, request bodies), so the read API asks for the webhook
 * secret as a bearer token, compared in constant time. Open only in development mode without a secret.
 */
public final class ReadAuth {
  private static final String BEARER = "Bearer ";
  private final WebhookSignature secret;

  /** @param secret the webhook secret holder, or null for development mode */
  public ReadAuth(WebhookSignature secret) {
    this.secret = secret;
  }

  public void require(Context ctx) {
    if (secret == null) {
      return;
    }
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw ApiError.of(401, "unauthorized", "send Authorization: Bearer <WEBHOOK_SECRET>");
    }
    if (!secret.secretEquals(header.substring(BEARER.length()).trim())) {
      throw ApiError.of(401, "unauthorized", "bearer token does not match");
    }
  }
}
