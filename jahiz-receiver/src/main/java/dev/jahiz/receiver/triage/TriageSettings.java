package dev.jahiz.receiver.triage;

import dev.jahiz.receiver.config.ConfigException;
import dev.jahiz.receiver.config.Settings;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Settings of triage: where people reach the receiver ({@code JAHIZ_PUBLIC_URL}, for the Open button
 * and Telegram's webhook) and how button presses arrive ({@code JAHIZ_TELEGRAM_UPDATES}).
 */
public final class TriageSettings {
  /** How the receiver takes Telegram's button presses. */
  public enum Updates {
    /** {@code getUpdates} long polling: works behind NAT, needs no public address. */
    POLLING,
    /** Telegram posts them to {@code JAHIZ_PUBLIC_URL/telegram/webhook} with the secret token. */
    WEBHOOK,
    /** No buttons but Open; presses are not taken. */
    OFF
  }

  private static final int MIN_WEBHOOK_SECRET = 16;

  private final String publicUrl;
  private final Updates updates;
  private final String webhookSecret;

  private TriageSettings(Settings s, boolean devMode) {
    publicUrl = s.optional("JAHIZ_PUBLIC_URL").map(TriageSettings::publicUrl).orElse(null);
    String mode = s.oneOf("JAHIZ_TELEGRAM_UPDATES", "POLLING", "POLLING", "WEBHOOK", "OFF");
    updates = Updates.valueOf(mode.toUpperCase(Locale.ROOT));
    webhookSecret = s.optional("JAHIZ_TELEGRAM_WEBHOOK_SECRET").orElse(null);
    if (updates == Updates.WEBHOOK) {
      if (publicUrl == null) {
        throw new ConfigException("JAHIZ_TELEGRAM_UPDATES=webhook needs JAHIZ_PUBLIC_URL, the https address Telegram"
            + " posts button presses to (JAHIZ_PUBLIC_URL/telegram/webhook); or use polling, the default.");
      }
      if (webhookSecret == null || !webhookSecret.matches("[A-Za-z0-9_-]{1,256}")
          || (!devMode && webhookSecret.length() < MIN_WEBHOOK_SECRET)) {
        throw new ConfigException("JAHIZ_TELEGRAM_UPDATES=webhook needs JAHIZ_TELEGRAM_WEBHOOK_SECRET: "
            + MIN_WEBHOOK_SECRET + " to 256 characters of A-Z, a-z, 0-9, _ and - (Telegram's secret_token)."
            + " Generate one with `openssl rand -hex 32`.");
      }
    }
  }

  public static TriageSettings from(Settings s, boolean devMode) {
    return new TriageSettings(s, devMode);
  }

  private static String publicUrl(String value) {
    URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null || uri.getHost() == null
        || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
      throw new ConfigException("JAHIZ_PUBLIC_URL must be the http(s) address people reach the receiver at,"
          + " such as https://jahiz.example.com, was '" + value + "'");
    }
    return value.replaceAll("/+$", "");
  }

  /** The receiver's address as people reach it, without a trailing slash. */
  public Optional<String> publicUrl() {
    return Optional.ofNullable(publicUrl);
  }

  public Updates updates() {
    return updates;
  }

  /** Telegram's {@code secret_token} for webhook mode. */
  public Optional<String> webhookSecret() {
    return Optional.ofNullable(webhookSecret);
  }

  @Override
  public String toString() {
    return "updates=" + updates.name().toLowerCase(Locale.ROOT) + ", publicUrl=" + publicUrl;
  }
}
