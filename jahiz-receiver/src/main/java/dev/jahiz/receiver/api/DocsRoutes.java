package dev.jahiz.receiver.api;

import dev.jahiz.receiver.http.ApiError;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The OpenAPI description (a hand-kept file, checked against the registered routes by a test) and
 * Swagger UI over it at {@code /docs}. Swagger UI's script and style come from its webjar on the
 * classpath, not a CDN: a receiver on an internal network still shows its docs.
 */
public final class DocsRoutes {
  private static final String SWAGGER_UI = """
      <!doctype html>
      <html lang="en">
      <head>
        <meta charset="utf-8">
        <title>Jahiz receiver API</title>
        <link rel="stylesheet" href="/docs/swagger-ui.css">
      </head>
      <body>
        <div id="swagger-ui"></div>
        <script src="/docs/swagger-ui-bundle.js"></script>
        <script>window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui' });</script>
      </body>
      </html>
      """;
  private static final Map<String, String> ASSETS = Map.of(
      "swagger-ui.css", "text/css; charset=utf-8",
      "swagger-ui-bundle.js", "text/javascript; charset=utf-8");

  private final byte[] openApi;
  private final String assetFolder;

  public DocsRoutes() {
    this.openApi = read("/openapi.json");
    Properties webjar = new Properties();
    try (InputStream in = new ByteArrayInputStream(read("/META-INF/maven/org.webjars/swagger-ui/pom.properties"))) {
      webjar.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.assetFolder = "/META-INF/resources/webjars/swagger-ui/" + webjar.getProperty("version") + "/";
  }

  private static byte[] read(String resource) {
    try (InputStream in = DocsRoutes.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void register(RoutesConfig routes) {
    routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
    routes.get("/docs", ctx -> ctx.contentType("text/html; charset=utf-8").result(SWAGGER_UI));
    routes.get("/docs/{asset}", this::asset);
  }

  private void asset(Context ctx) {
    String name = ctx.pathParam("asset");
    String type = ASSETS.get(name);
    if (type == null) {
      throw ApiError.of(404, "not found", "no docs asset " + name);
    }
    ctx.contentType(type).header("Cache-Control", "public, max-age=86400").result(read(assetFolder + name));
  }
}
