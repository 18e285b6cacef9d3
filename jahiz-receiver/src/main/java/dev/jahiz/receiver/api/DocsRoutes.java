package dev.jahiz.receiver.api;

import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The OpenAPI description (a hand-kept file, checked against the registered routes by a test) and
 * Swagger UI over it at {@code /docs}.
 */
public final class DocsRoutes {
  private static final String SWAGGER_UI = """
      <!doctype html>
      <html lang="en">
      <head>
        <meta charset="utf-8">
        <title>Jahiz receiver API</title>
        <link rel="stylesheet" href="https://unpkg.com/swagger-ui-dist@5/swagger-ui.css">
      </head>
      <body>
        <div id="swagger-ui"></div>
        <script src="https://unpkg.com/swagger-ui-dist@5/swagger-ui-bundle.js" crossorigin></script>
        <script>window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui' });</script>
      </body>
      </html>
      """;

  private final byte[] openApi;

  public DocsRoutes() {
    try (InputStream in = DocsRoutes.class.getResourceAsStream("/openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is missing from the classpath");
      }
      this.openApi = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void register(RoutesConfig routes) {
    routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
    routes.get("/docs", ctx -> ctx.contentType("text/html; charset=utf-8").result(SWAGGER_UI));
  }
}
