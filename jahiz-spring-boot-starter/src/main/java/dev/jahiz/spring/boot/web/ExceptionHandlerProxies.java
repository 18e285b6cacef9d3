package dev.jahiz.spring.boot.web;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * WebFlux: puts {@link ExceptionHandlerWatch} around the app's {@code @ExceptionHandler} methods (of
 * {@code @ControllerAdvice} beans and of controllers), the way Spring applies {@code @Validated} or
 * {@code @Async}: a class-based proxy, or one more advisor on a proxy the bean already is.
 *
 * <p>A bean is left as it is when proxying it could change what the app does: a final, sealed,
 * record or anonymous class (it cannot be subclassed), one with a private or final annotated method
 * (Spring would call it on the proxy, whose fields are empty; Spring's own base classes such as
 * {@code ResponseEntityExceptionHandler} are made for this and are fine), Spring's own beans; and
 * should making the proxy fail anyway, the bean stays unproxied and one WARN says so.
 */
final class ExceptionHandlerProxies extends AbstractBeanFactoryAwareAdvisingPostProcessor {
  private static final Log log = LogFactory.getLog(ExceptionHandlerProxies.class);
  private final AtomicBoolean warned = new AtomicBoolean();

  ExceptionHandlerProxies(boolean enabled) {
    setProxyTargetClass(true);
    setBeforeExistingAdvisors(true);
    if (enabled) {
      this.advisor = new DefaultPointcutAdvisor(new HandlerMethods(), new ExceptionHandlerWatch());
    }
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    try {
      return super.postProcessAfterInitialization(bean, beanName);
    } catch (RuntimeException | LinkageError e) {
      if (warned.compareAndSet(false, true)) {
        log.warn("Jahiz cannot watch the exception handlers of " + bean.getClass().getName() + " (" + e
            + "); a 5xx they answer without logging is not reported, the app runs as before");
      }
      return bean;
    }
  }

  /** The {@code @ExceptionHandler} methods of the classes that can safely be proxied. */
  private static final class HandlerMethods extends StaticMethodMatcherPointcut {
    HandlerMethods() {
      setClassFilter(type -> AnnotationUtils.isCandidateClass(type, ExceptionHandler.class)
          && hasExceptionHandler(type) && proxySafe(type));
    }

    @Override
    public boolean matches(Method method, Class<?> targetClass) {
      return overridable(method) && AnnotatedElementUtils.hasAnnotation(method, ExceptionHandler.class);
    }

    private static boolean overridable(Method method) {
      int modifiers = method.getModifiers();
      return !Modifier.isStatic(modifiers) && !Modifier.isFinal(modifiers) && !Modifier.isPrivate(modifiers);
    }

    private static boolean hasExceptionHandler(Class<?> type) {
      boolean[] found = {false};
      ReflectionUtils.doWithMethods(type, method -> found[0] = true,
          method -> !found[0] && AnnotatedElementUtils.hasAnnotation(method, ExceptionHandler.class));
      return found[0];
    }

    private static boolean proxySafe(Class<?> type) {
      if (Modifier.isFinal(type.getModifiers()) || type.isSealed() || type.isRecord() || type.isInterface()
          || type.isAnonymousClass() || type.isLocalClass() || type.isHidden() || spring(type)) {
        return false;
      }
      for (Class<?> c = type; c != null && c != Object.class && !spring(c); c = c.getSuperclass()) {
        for (Method method : c.getDeclaredMethods()) {
          int modifiers = method.getModifiers();
          if ((Modifier.isPrivate(modifiers) || Modifier.isFinal(modifiers)) && !Modifier.isStatic(modifiers)
              && !method.isSynthetic() && method.getAnnotations().length > 0) {
            return false;
          }
        }
      }
      return true;
    }

    private static boolean spring(Class<?> type) {
      return type.getName().startsWith("org.springframework.");
    }
  }
}
