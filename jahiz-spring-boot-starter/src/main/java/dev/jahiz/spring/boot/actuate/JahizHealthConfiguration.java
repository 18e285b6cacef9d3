package dev.jahiz.spring.boot.actuate;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;

/**
 * Actuator's health on the class path: the {@code jahiz} health indicator. Spring Boot 4 moved the
 * health API to {@code org.springframework.boot.health.contributor}, Spring Boot 3.5 has it in
 * {@code org.springframework.boot.actuate.health}; the starter implements whichever the app has,
 * so that one jar serves both.
 */
@Configuration(proxyBeanMethods = false)
@Import(JahizHealthConfiguration.Registrar.class)
public class JahizHealthConfiguration {
  private static final List<String> HEALTH_PACKAGES =
      List.of("org.springframework.boot.health.contributor", "org.springframework.boot.actuate.health");

  static final class Registrar implements ImportBeanDefinitionRegistrar {
    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
      ClassLoader loader = JahizHealthConfiguration.class.getClassLoader();
      for (String pkg : HEALTH_PACKAGES) {
        if (ClassUtils.isPresent(pkg + ".HealthIndicator", loader)) {
          register(registry, pkg, loader);
          return;
        }
      }
    }

    @SuppressWarnings("unchecked")
    private static void register(BeanDefinitionRegistry registry, String pkg, ClassLoader loader) {
      Class<Object> indicator = (Class<Object>) ClassUtils.resolveClassName(pkg + ".HealthIndicator", loader);
      Class<?> health = ClassUtils.resolveClassName(pkg + ".Health", loader);
      JahizHealth jahiz = new JahizHealth();
      registry.registerBeanDefinition("jahizHealthIndicator", new RootBeanDefinition(indicator,
          () -> Proxy.newProxyInstance(loader, new Class<?>[] {indicator}, new Indicator(jahiz, health))));
    }
  }

  /** {@code health()} answers from {@link JahizHealth}; the interface's default methods run as they are. */
  private static final class Indicator implements InvocationHandler {
    private final JahizHealth jahiz;
    private final Class<?> health;

    Indicator(JahizHealth jahiz, Class<?> health) {
      this.jahiz = jahiz;
      this.health = health;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      switch (method.getName()) {
        case "health":
          if (method.getParameterCount() == 0) {
            Object builder = health.getMethod(jahiz.running() ? "up" : "unknown").invoke(null);
            builder = builder.getClass().getMethod("withDetails", Map.class).invoke(builder, jahiz.details());
            return builder.getClass().getMethod("build").invoke(builder);
          }
          break;
        case "toString":
          return "JahizHealthIndicator";
        case "hashCode":
          return System.identityHashCode(proxy);
        case "equals":
          return proxy == args[0];
        default:
          break;
      }
      return InvocationHandler.invokeDefault(proxy, method, args);
    }
  }
}
