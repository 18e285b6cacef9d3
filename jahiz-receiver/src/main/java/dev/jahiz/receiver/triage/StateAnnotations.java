package dev.jahiz.receiver.triage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jahiz.receiver.http.Json;
import dev.jahiz.receiver.store.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Adds each group's triage state to the pages of {@code GET /groups} and {@code GET /errors}. */
public final class StateAnnotations {
  private final GroupStates states;
  private final Clock clock;

  public StateAnnotations(GroupStates states, Clock clock) {
    this.states = states;
    this.clock = clock;
  }

  /** Each group gets {@code state}, {@code resolved_at}, {@code resolved_by}, {@code regression}, {@code muted_*}. */
  public <T> JsonNode groups(Page<T> page, Function<T, String> fingerprint) {
    return annotate(page, fingerprint, null);
  }

  /** Each report gets {@code group_state}, its group's state as {@link #groups} shows it. */
  public <T> JsonNode reports(Page<T> page, Function<T, String> fingerprint) {
    return annotate(page, fingerprint, "group_state");
  }

  private <T> JsonNode annotate(Page<T> page, Function<T, String> fingerprint, String field) {
    List<String> fingerprints = page.data().stream().map(fingerprint).toList();
    Map<String, GroupState> byGroup = states.of(fingerprints);
    Instant now = clock.instant();
    ObjectNode tree = Json.MAPPER.valueToTree(page);
    JsonNode data = tree.path("data");
    for (int i = 0; i < data.size(); i++) {
      JsonNode state = Json.MAPPER.valueToTree(byGroup.get(fingerprints.get(i)).describe(now));
      if (field == null) {
        ((ObjectNode) data.get(i)).setAll((ObjectNode) state);
      } else {
        ((ObjectNode) data.get(i)).set(field, state);
      }
    }
    return tree;
  }
}
