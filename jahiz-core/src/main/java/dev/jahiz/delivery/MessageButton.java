package dev.jahiz.delivery;

import java.util.Objects;

/**
 * A button under a delivered message: either it sends {@code callbackData} back to the receiver
 * (Telegram's {@code callback_query}) or it opens {@code url}. Exactly one of the two is set.
 */
public final class MessageButton {
  private final String text;
  private final String callbackData;
  private final String url;

  private MessageButton(String text, String callbackData, String url) {
    this.text = Objects.requireNonNull(text, "text");
    this.callbackData = callbackData;
    this.url = url;
  }

  /** A button whose press comes back as an update carrying {@code data} (at most 64 bytes in Telegram). */
  public static MessageButton callback(String text, String data) {
    return new MessageButton(text, Objects.requireNonNull(data, "data"), null);
  }

  /** A button that opens a page. */
  public static MessageButton link(String text, String url) {
    return new MessageButton(text, null, Objects.requireNonNull(url, "url"));
  }

  public String text() {
    return text;
  }

  /** What the press sends back, or null for a link. */
  public String callbackData() {
    return callbackData;
  }

  /** The page opened, or null for a callback button. */
  public String url() {
    return url;
  }

  @Override
  public String toString() {
    return "[" + text + "]";
  }
}
