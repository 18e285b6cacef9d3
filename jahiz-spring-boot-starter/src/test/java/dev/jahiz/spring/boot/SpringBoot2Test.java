package dev.jahiz.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jahiz.testing.Java8Jvm;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * What Spring Boot 2.x (which reads the same files as Boot 3 and 4) takes from the starter, for an
 * app that added it by mistake: from spring.factories one listener, Java 8 bytecode, so it loads on
 * any JVM Boot 2.x runs on; the auto-configuration is left out, before its class is loaded, unless
 * Spring Framework 6 is there. samples/spring-boot-2.7-sample runs such an app.
 */
class SpringBoot2Test {
  @Test
  void bootLoadsOneListenerOfJava8BytecodeAndFiltersTheAutoConfigurationOutBeforeLoadingIt() throws Exception {
    assertThat(resource("META-INF/spring.factories").getProperty("org.springframework.context.ApplicationListener"))
        .isEqualTo(StarterListener.class.getName());
    try (InputStream in = StarterListener.class.getResourceAsStream("StarterListener.class")) {
      assertThat(Java8Jvm.majorVersion(in.readAllBytes())).isEqualTo(Java8Jvm.JAVA_8);
    }
    assertThat(resource("META-INF/spring-autoconfigure-metadata.properties")
        .getProperty(JahizAutoConfiguration.class.getName() + ".ConditionalOnClass"))
        .isEqualTo(StarterListener.SPRING_6_CLASS);
    assertThat(Class.forName(StarterListener.SPRING_6_CLASS)).isNotNull();
  }

  /** The starter's own file of that name (Spring Boot's jars have a spring.factories too). */
  private static Properties resource(String name) throws Exception {
    String starter = StarterListener.class.getProtectionDomain().getCodeSource().getLocation().getPath();
    for (URL url : Collections.list(SpringBoot2Test.class.getClassLoader().getResources(name))) {
      if (url.getPath().contains(starter)) {
        Properties properties = new Properties();
        try (InputStream in = url.openStream()) {
          properties.load(in);
        }
        return properties;
      }
    }
    throw new AssertionError(name + " not found in " + starter);
  }
}
