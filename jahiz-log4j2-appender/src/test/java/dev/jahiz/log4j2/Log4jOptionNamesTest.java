package dev.jahiz.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jahiz.config.JahizOption;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.junit.jupiter.api.Test;

/** Every option of jahiz-core's table is a {@code <Jahiz>} attribute, and there are no others. */
class Log4jOptionNamesTest {
  @Test
  void theAttributesAreExactlyTheOptionsOfTheTable() {
    List<String> attributes = new ArrayList<>();
    for (Field field : JahizAppenderBuilder.class.getDeclaredFields()) {
      PluginBuilderAttribute attribute = field.getAnnotation(PluginBuilderAttribute.class);
      if (attribute != null) {
        attributes.add(field.getName());
        JahizOption option = JahizOption.named(field.getName()).orElseThrow();
        // Log4j prints attribute values in its debug status output unless told they are sensitive.
        assertThat(attribute.sensitive()).as(field.getName()).isEqualTo(option.sensitive());
      }
    }
    List<String> options = new ArrayList<>();
    for (JahizOption option : JahizOption.values()) {
      options.add(option.optionName());
    }
    assertThat(attributes).containsExactlyInAnyOrderElementsOf(options);
  }

  @Test
  void anOptionSetInCodeIsReadAsInLog4j2XmlAndAnUnknownOneIsNamed() {
    JahizAppenderBuilder builder = JahizAppender.newBuilder().setName("code").option("receiver.url", "http://127.0.0.1:9")
        .option("webhookSecret", "code-test-secret").option("device-info", "false").option("spool", "off");

    assertThat(builder.build()).isNotNull();
    assertThat(builder.option("nonsense", "1").build()).isNull();
  }
}
