package dev.jahiz.spring.boot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.jahiz.config.JahizOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code META-INF/spring-configuration-metadata.json} from jahiz-core's option table and
 * the starter's own options, at build time (exec-maven-plugin, process-classes), so that IDEs
 * complete and document every {@code jahiz.*} property and the list can never drift from the table.
 */
final class ConfigurationMetadata {
  static final String RESOURCE = "META-INF/spring-configuration-metadata.json";

  private ConfigurationMetadata() {}

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]).resolve(RESOURCE);
    Files.createDirectories(file.getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), metadata());
  }

  static Map<String, Object> metadata() {
    List<Map<String, Object>> properties = new ArrayList<>();
    for (StarterOption option : StarterOption.values()) {
      properties.add(property(option.property(), option.type(), option.description(),
          option.defaultValue().orElse(null)));
    }
    for (JahizOption option : JahizOption.values()) {
      String description = option.description()
          + (option.plainEnvironmentVariable().map(v -> " Falls back to the environment variable " + v + ".").orElse(""));
      properties.add(property(JahizProperties.property(option), type(option), description,
          option.defaultValue().orElse(null)));
    }
    Map<String, Object> group = new LinkedHashMap<>();
    group.put("name", JahizProperties.PREFIX);
    group.put("description", "Jahiz: error reports from this app's logging to Telegram or a Jahiz receiver.");
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("groups", List.of(group));
    metadata.put("properties", properties);
    return metadata;
  }

  private static Map<String, Object> property(String name, String type, String description, String defaultValue) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("name", name);
    p.put("type", type);
    p.put("description", description);
    if (defaultValue != null) {
      p.put("defaultValue", "java.lang.Boolean".equals(type) ? (Object) Boolean.valueOf(defaultValue) : defaultValue);
    }
    return p;
  }

  /** What an IDE should offer: every option is text to jahiz-core, which checks and names problems. */
  private static String type(JahizOption option) {
    if (option.repeatable()) {
      return "java.util.List<java.lang.String>";
    }
    switch (option.kind().name()) {
      case "FLAG":
        return "java.lang.Boolean";
      case "WHOLE_NUMBER":
        return "java.lang.Long";
      case "DURATION":
        return "java.time.Duration";
      default:
        return "java.lang.String";
    }
  }
}
