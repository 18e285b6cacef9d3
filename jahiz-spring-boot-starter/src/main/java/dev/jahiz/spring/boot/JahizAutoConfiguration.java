package dev.jahiz.spring.boot;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * What the starter adds to the context; the appender itself is installed earlier, as logging starts
 * ({@code JahizInstaller}). Each part is on when what it needs is on the class path.
 */
@AutoConfiguration
// Spring Framework 6, so Spring Boot 3+: Spring Boot 2.x leaves this out (see StarterListener), and
// before loading it, through spring-autoconfigure-metadata.properties.
@ConditionalOnClass(name = "org.springframework.aot.AotDetector")
@Conditional(OnJahizEnabled.class)
@Import({dev.jahiz.spring.boot.web.RequestContextConfiguration.class,
    dev.jahiz.spring.boot.actuate.JahizMetricsConfiguration.class,
    dev.jahiz.spring.boot.actuate.JahizHealthConfiguration.class})
public class JahizAutoConfiguration {
  /** The app's jahiz.* properties, bound once for the parts below. */
  @Bean
  @ConditionalOnMissingBean
  JahizProperties jahizProperties(Environment environment) {
    return JahizProperties.of(environment);
  }
}
