package dev.jahiz.receiver.triage;

import dev.jahiz.receiver.triage.telegram.AlertEditor;
import java.time.Instant;

/**
 * Triage done in the web inbox or through the API: changes the group's state, then has its Telegram
 * alerts edited to say so (after the state is stored, off the request's thread; a Telegram failure
 * never fails the request).
 */
public final class GroupActions {
  private final GroupStates states;
  private final AlertEditor alerts;

  /** @param alerts edits the group's alerts, or null when alerts go to no Telegram chat */
  public GroupActions(GroupStates states, AlertEditor alerts) {
    this.states = states;
    this.alerts = alerts;
  }

  /** Does {@code action} to the group as {@code actor}; returns the state it leaves. */
  public GroupState apply(String fingerprint, TriageAction action, TriageActor actor, Instant now) {
    GroupState state = states.apply(fingerprint, action, actor.name(), now);
    if (alerts != null) {
      alerts.triaged(fingerprint, action, actor, now, state.name(now));
    }
    return state;
  }
}
