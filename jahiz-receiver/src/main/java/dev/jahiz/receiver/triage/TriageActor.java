package dev.jahiz.receiver.triage;

/**
 * Who did a triage action, as far as the receiver knows: a Telegram user pressing a button, or the
 * web inbox or the API, whose shared read token names nobody.
 *
 * @param name what is stored and shown as {@code resolved_by} / {@code muted_by}
 * @param phrase how an edited alert says it, after what was done ("by @alice", "from the web inbox")
 */
public record TriageActor(String name, String phrase) {
  public static final TriageActor WEB_INBOX = new TriageActor("web inbox", "from the web inbox");
  public static final TriageActor API = new TriageActor("API", "through the API");

  /** A person known by name, such as a Telegram {@code @username}. */
  public static TriageActor person(String name) {
    return new TriageActor(name, "by " + name);
  }
}
