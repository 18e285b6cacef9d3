package dev.jahiz.spring.boot.actuate;

import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Micrometer on the class path (Actuator brings it): the client's counters as meters. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(MeterBinder.class)
public class JahizMetricsConfiguration {
  @Bean
  MeterBinder jahizMeters() {
    return new JahizMeters();
  }
}
