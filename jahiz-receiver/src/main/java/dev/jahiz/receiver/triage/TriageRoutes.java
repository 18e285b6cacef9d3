package dev.jahiz.receiver.triage;

import dev.jahiz.receiver.api.ReadAuth;
import dev.jahiz.receiver.http.ApiError;
import dev.jahiz.receiver.http.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;

/**
 * Triage over HTTP, behind the read token: {@code POST /groups/{fingerprint}/resolve},
 * {@code /mute?for=1h|24h|until_resolved} and {@code /reopen}; each answers the group's new state, and the
 * group's Telegram alerts are edited afterwards to say it was done "through the API".
 */
public final class TriageRoutes {
  private final GroupStates states;
  private final GroupActions actions;
  private final ReadAuth auth;
  private final Clock clock;

  public TriageRoutes(GroupStates states, GroupActions actions, ReadAuth auth, Clock clock) {
    this.states = states;
    this.actions = actions;
    this.auth = auth;
    this.clock = clock;
  }

  public void register(RoutesConfig routes) {
    routes.post("/groups/{fingerprint}/resolve", ctx -> act(ctx, TriageAction.RESOLVE));
    routes.post("/groups/{fingerprint}/mute", ctx -> act(ctx, mute(ctx.queryParam("for"))));
    routes.post("/groups/{fingerprint}/reopen", ctx -> act(ctx, TriageAction.REOPEN));
  }

  private static TriageAction mute(String duration) {
    if (duration == null || duration.isBlank() || duration.equals("until_resolved")) {
      return TriageAction.MUTE_UNTIL_RESOLVED;
    }
    return switch (duration) {
      case "1h" -> TriageAction.MUTE_1H;
      case "24h" -> TriageAction.MUTE_24H;
      default -> throw ApiError.of(400, "invalid query parameter", Json.object("field", "for",
          "message", "must be 1h, 24h or until_resolved"));
    };
  }

  private void act(Context ctx, TriageAction action) {
    auth.require(ctx);
    String fingerprint = ctx.pathParam("fingerprint");
    if (states.of(fingerprint).lastReceivedAt() == null) {
      throw ApiError.of(404, "not found", "no stored report has fingerprint " + fingerprint);
    }
    Instant now = clock.instant();
    GroupState state = actions.apply(fingerprint, action, TriageActor.API, now);
    Json.respond(ctx, 200, Json.object("fingerprint", fingerprint, "action", action.code(),
        "group", state.describe(now)));
  }
}
