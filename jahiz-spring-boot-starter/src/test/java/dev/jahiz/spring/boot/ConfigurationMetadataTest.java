package dev.jahiz.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jahiz.config.JahizOption;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

/** The metadata the jar ships is the table's: every option, under a name Spring can bind. */
class ConfigurationMetadataTest {
  @Test
  void theShippedMetadataDocumentsEveryOptionOfTheTableAndOfTheStarter() throws Exception {
    JsonNode metadata;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(ConfigurationMetadata.RESOURCE)) {
      assertThat(in).as("built by exec-maven-plugin at process-classes").isNotNull();
      metadata = new ObjectMapper().readTree(in);
    }
    List<String> names = new ArrayList<>();
    metadata.path("properties").forEach(p -> {
      names.add(p.path("name").asText());
      assertThat(p.path("description").asText()).as(p.toString()).isNotBlank();
      assertThat(ConfigurationPropertyName.isValid(p.path("name").asText())).as(p.toString()).isTrue();
    });

    List<String> expected = new ArrayList<>();
    for (StarterOption option : StarterOption.values()) {
      expected.add(option.property());
    }
    for (JahizOption option : JahizOption.values()) {
      expected.add(JahizProperties.property(option));
    }
    assertThat(names).containsExactlyElementsOf(expected);
    assertThat(names).contains("jahiz.telegram.bot-token", "jahiz.enabled", "jahiz.fail-fast");
  }
}
