package dev.jahiz.receiver.monitoring.alert;

/** Somewhere alerts go: the Telegram chat, an e-mail inbox. */
public interface AlertChannel {
  /** Sends the alert; false (never an exception) when it did not get through. */
  boolean send(Alert alert);

  String describe();
}
