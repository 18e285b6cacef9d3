package dev.jahiz.spring.boot;

import com.example.clinic.ClinicApplication;
import dev.jahiz.testing.FakeBotApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The clinic app (or another) started for real (embedded Tomcat or Netty on a random port) in this JVM, with Jahiz
 * pointed at a fake Bot API through {@code jahiz.*} properties, or through environment variables
 * the way Spring Boot reads the process environment.
 */
final class ClinicRun implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  final ConfigurableApplicationContext context;
  final String base;

  private ClinicRun(ConfigurableApplicationContext context) {
    this.context = context;
    this.base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
  }

  /** The settings every test app has: the fake Bot API, nothing sampled, nothing spooled between tests. */
  static Map<String, Object> jahizProperties(FakeBotApi api) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("jahiz.telegram.bot-token", FakeBotApi.TOKEN);
    p.put("jahiz.telegram.chat-id", "4242");
    p.put("jahiz.telegram.api-url", api.url());
    p.put("jahiz.device-info", "false");
    p.put("jahiz.spool.enabled", "false");
    return p;
  }

  static ClinicRun start(Map<String, Object> properties) {
    return start(properties, Map.of());
  }

  /** {@code environment} stands for the process environment (relaxed binding applies as to the real one). */
  static ClinicRun start(Map<String, Object> properties, Map<String, Object> environment) {
    return start(ClinicApplication.class, WebApplicationType.SERVLET, properties, environment);
  }

  static ClinicRun start(Class<?> application, WebApplicationType type, Map<String, Object> properties,
      Map<String, Object> environment) {
    Map<String, Object> all = new LinkedHashMap<>(properties);
    all.put("server.port", "0");
    all.put("spring.application.name", "clinic");
    all.put("management.endpoints.web.exposure.include", "health,metrics");
    all.put("management.endpoint.health.show-details", "always");
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources().addFirst(new SystemEnvironmentPropertySource("test-environment", environment));
    env.getPropertySources().addFirst(new MapPropertySource("test-properties", all));
    SpringApplication app = new SpringApplication(application);
    app.setWebApplicationType(type);
    app.setEnvironment(env);
    return new ClinicRun(app.run());
  }

  HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String[] basicAuth(String user, String password) {
    return new String[] {"Authorization", "Basic "
        + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))};
  }

  static String[] headers(String[]... groups) {
    List<String> all = new ArrayList<>();
    for (String[] g : groups) {
      all.addAll(List.of(g));
    }
    return all.toArray(new String[0]);
  }

  @Override
  public void close() {
    context.close();
  }
}
