package dev.jahiz.receiver.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.http.Context;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The receiver's own JSON answers: snake_case like the report schema, nulls included so fields are stable. */
public final class Json {
  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .serializationInclusion(JsonInclude.Include.ALWAYS)
      .build();

  private Json() {}

  public static void respond(Context ctx, int status, Object body) {
    try {
      ctx.status(status).contentType("application/json").result(MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An insertion-ordered map from alternating keys and values, for small ad-hoc answers. */
  public static Map<String, Object> object(Object... keyValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      out.put((String) keyValues[i], keyValues[i + 1]);
    }
    return out;
  }

  public static void error(Context ctx, ApiError e) {
    if (e.retryAfter() != null) {
      long seconds = Math.max(1, e.retryAfter().toSeconds());
      ctx.header("Retry-After", Long.toString(seconds));
      // The seed service's 429 carried the wait as detail.retry_after_seconds; its clients may read it there.
      respond(ctx, e.status(), object("error", e.getMessage(), "details", e.details(),
          "detail", object("retry_after_seconds", seconds)));
      return;
    }
    respond(ctx, e.status(), object("error", e.getMessage(), "details", e.details()));
  }
}
