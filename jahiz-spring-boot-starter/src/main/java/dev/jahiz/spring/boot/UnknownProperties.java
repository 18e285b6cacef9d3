package dev.jahiz.spring.boot;

import dev.jahiz.config.JahizOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;

/**
 * {@code jahiz.*} properties that are no option in any spelling, such as a misspelt
 * {@code jahiz.telegram.chatt-id}:
 * a typo would otherwise lose a setting without a word. The process environment is left out: other
 * programs' {@code JAHIZ_*} variables (the receiver's) share the prefix.
 */
final class UnknownProperties {
  private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of(JahizProperties.PREFIX);

  private UnknownProperties() {}

  static List<String> in(Environment environment) {
    List<ConfigurationPropertyName> known = new ArrayList<>();
    for (StarterOption option : StarterOption.values()) {
      known.add(ConfigurationPropertyName.of(option.property()));
    }
    Set<String> unknown = new LinkedHashSet<>();
    for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
      if (!(source instanceof IterableConfigurationPropertySource) || isProcessEnvironment(source)) {
        continue;
      }
      ((IterableConfigurationPropertySource) source).stream()
          .filter(PREFIX::isAncestorOf)
          .filter(name -> known.stream().noneMatch(k -> k.equals(name) || k.isAncestorOf(name)))
          .filter(name -> JahizOption.named(optionPart(name)).isEmpty())
          .forEach(name -> unknown.add(name + " is not a Jahiz property (see the starter's configuration metadata)"));
    }
    return new ArrayList<>(unknown);
  }

  /** {@code jahiz.tags[0]} → {@code tags}: any spelling {@link JahizOption#named} knows. */
  private static String optionPart(ConfigurationPropertyName name) {
    StringBuilder part = new StringBuilder();
    for (int i = 1; i < name.getNumberOfElements() && !name.isNumericIndex(i); i++) {
      part.append(i > 1 ? "." : "").append(name.getElement(i, ConfigurationPropertyName.Form.ORIGINAL));
    }
    return part.toString();
  }

  private static boolean isProcessEnvironment(ConfigurationPropertySource source) {
    Object underlying = source.getUnderlyingSource();
    return underlying instanceof org.springframework.core.env.PropertySource
        && StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(
            ((org.springframework.core.env.PropertySource<?>) underlying).getName());
  }
}
