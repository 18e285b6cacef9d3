package dev.jahiz.telegram;

/**
 * One report rendered for the Bot API: the HTML text for {@code sendMessage}, the same content as
 * plain text for when Telegram refuses the HTML, and the untrimmed stack trace when the message
 * only had room for part of it.
 */
public final class TelegramMessage {
  /** Telegram's limit for a message text, counted in UTF-16 units after entity parsing. */
  public static final int MAX_LENGTH = 4096;

  private final String html;
  private final String plainText;
  private final String fullTrace;

  TelegramMessage(String html, String plainText, String fullTrace) {
    this.html = html;
    this.plainText = plainText;
    this.fullTrace = fullTrace;
  }

  /** Text for {@code parse_mode=HTML}: only Bot API tags, every user character escaped. */
  public String html() {
    return html;
  }

  /** What {@link #html()} shows, without markup: the fallback when Telegram cannot parse it. */
  public String plainText() {
    return plainText;
  }

  /** True when the stack trace was trimmed to fit; {@link #fullTrace()} then has all of it. */
  public boolean traceTrimmed() {
    return fullTrace != null;
  }

  /** The whole stack trace when it was trimmed, else null. */
  public String fullTrace() {
    return fullTrace;
  }

  @Override
  public String toString() {
    return plainText;
  }
}
