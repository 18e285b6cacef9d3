package dev.jahiz.spring.boot.web;

import dev.jahiz.logging.CallerContexts;
import dev.jahiz.spring.boot.JahizProperties;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;

/**
 * Web apps: for Spring MVC and WebFlux the request, its route and the user in reports of errors
 * logged while a request is handled, and failed requests nobody logged.
 */
@Configuration(proxyBeanMethods = false)
@Import({RequestContextConfiguration.Servlet.class, RequestContextConfiguration.Reactive.class})
public class RequestContextConfiguration {
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  // jakarta.servlet: Spring Boot 3 and later (a Boot 2 app has javax.servlet; see the README).
  @ConditionalOnClass(name = {"org.springframework.web.servlet.DispatcherServlet", "jakarta.servlet.Filter"})
  static class Servlet {
    /** Read only when an event is reported; closed (no longer asked) when the context closes. */
    @Bean
    CallerContexts.Registration jahizServletRequestContext(JahizProperties properties) {
      return CallerContexts.register(new ServletRequestContext(new ReportKeys(properties)));
    }

    @Bean
    UnloggedFailureReporter jahizUnloggedFailureReporter(JahizProperties properties) {
      return new UnloggedFailureReporter(new ReportKeys(properties));
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
  @ConditionalOnClass(name = "org.springframework.web.server.WebFilter")
  static class Reactive {
    @Bean
    ReactiveRequestContextFilter jahizReactiveRequestContextFilter(JahizProperties properties) {
      return new ReactiveRequestContextFilter(new ReportKeys(properties));
    }

    @Bean
    ReactiveUserFilter jahizReactiveUserFilter(JahizProperties properties) {
      return new ReactiveUserFilter(new ReportKeys(properties));
    }

    /** A post-processor, created before the other beans: reads its one setting itself. */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static ExceptionHandlerProxies jahizExceptionHandlerProxies(Environment environment) {
      return new ExceptionHandlerProxies(JahizProperties.of(environment).reportUnloggedFailures());
    }
  }
}
