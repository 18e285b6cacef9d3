package dev.jahiz.receiver.triage;

import dev.jahiz.delivery.MessageButton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The buttons under an alert: Resolve, Mute 1 h and Mute 24 h when the receiver takes Telegram's
 * button presses, and Open (the group's page in the web inbox) when it knows its public URL. The
 * presses carry only the action: the message they are pressed under names the group.
 */
public final class AlertButtons {
  /** The actions offered under an alert. */
  public static final List<TriageAction> FROM_CHAT = List.of(TriageAction.RESOLVE, TriageAction.MUTE_1H, TriageAction.MUTE_24H);

  private final boolean actions;
  private final String publicUrl;

  /** @param publicUrl the receiver's address as people reach it, without a trailing slash; null when unknown */
  public AlertButtons(boolean actions, String publicUrl) {
    this.actions = actions;
    this.publicUrl = publicUrl;
  }

  /** The buttons of a new alert: the group is open (or came back). */
  public List<List<MessageButton>> forGroup(String fingerprint) {
    return forState(fingerprint, GroupState.OPEN);
  }

  /**
   * The buttons an alert keeps once its group is in {@code state} ({@link GroupState#name}): all
   * actions while open, only Resolve while muted, none once resolved (a new occurrence reopens it).
   */
  public List<List<MessageButton>> forState(String fingerprint, String state) {
    List<List<MessageButton>> rows = new ArrayList<>();
    List<TriageAction> offered = switch (state) {
      case GroupState.RESOLVED -> List.of();
      case GroupState.MUTED -> List.of(TriageAction.RESOLVE);
      default -> FROM_CHAT;
    };
    if (actions && !offered.isEmpty()) {
      rows.add(offered.stream().map(a -> MessageButton.callback(a.label(), a.code())).toList());
    }
    pageUrl(fingerprint).ifPresent(url -> rows.add(List.of(MessageButton.link("Open", url))));
    return rows;
  }

  /** The group's page in the web inbox, when the public URL is set. */
  public java.util.Optional<String> pageUrl(String fingerprint) {
    return publicUrl == null ? java.util.Optional.empty()
        : java.util.Optional.of(publicUrl + "/ui/groups/" + URLEncoder.encode(fingerprint, StandardCharsets.UTF_8));
  }
}
