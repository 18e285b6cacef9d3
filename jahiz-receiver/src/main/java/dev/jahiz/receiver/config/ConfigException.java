package dev.jahiz.receiver.config;

/** A configuration the receiver cannot start with; the message says what to change, never a secret. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
