package dev.jahiz.receiver.api;

import dev.jahiz.receiver.http.Json;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;

/** {@code GET /}: what this service is, its version and mode, and where to look next. */
public final class InfoRoutes {
  public static final String VERSION = version();

  private final String mode;

  public InfoRoutes(String mode) {
    this.mode = mode;
  }

  public void register(RoutesConfig routes) {
    routes.get("/", ctx -> Json.respond(ctx, 200, Json.object(
        "service", "jahiz-receiver",
        "version", VERSION,
        "mode", mode,
        "docs", "/docs",
        "endpoints", List.of("POST /webhook/error", "POST /webhook/errors", "POST /webhook/test", "GET /health",
            "GET /health/live", "GET /health/ready", "GET /errors", "GET /errors/{id}", "GET /groups", "GET /stats",
            "GET /metrics", "GET /openapi.json", "GET /docs"))));
  }

  private static String version() {
    try (InputStream in = InfoRoutes.class.getResourceAsStream("/jahiz-receiver.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
