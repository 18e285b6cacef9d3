package dev.jahiz.receiver.api;

import dev.jahiz.receiver.http.Json;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/** {@code GET /}: what this service is, its version and mode, and where to look next. */
public final class InfoRoutes {
  public static final String VERSION = version();

  private final String mode;
  private final List<String> registeredRoutes;

  /** {@code registeredRoutes} fills as the other routes register; it is read per request. */
  public InfoRoutes(String mode, List<String> registeredRoutes) {
    this.mode = mode;
    this.registeredRoutes = registeredRoutes;
  }

  public void register(RoutesConfig routes) {
    routes.get("/", ctx -> Json.respond(ctx, 200, Json.object(
        "service", "jahiz-receiver",
        "version", VERSION,
        "mode", mode,
        "docs", "/docs",
        "endpoints", endpoints())));
  }

  private List<String> endpoints() {
    synchronized (registeredRoutes) {
      return registeredRoutes.stream().filter(route -> !route.equals("GET /")).collect(Collectors.toList());
    }
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
