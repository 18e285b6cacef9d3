package dev.jahiz.spring.boot.web;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.MDC;
import reactor.core.publisher.Hooks;

/**
 * Carries a WebFlux request's MDC entries from the Reactor context to whichever thread runs a part
 * of its handling (Reactor's automatic context propagation with Micrometer's context-propagation),
 * and takes them off again, so that an error logged on a scheduler thread still carries the request.
 */
final class RequestMdcAccessor implements ThreadLocalAccessor<Map<String, String>> {
  static final String KEY = "dev.jahiz.request-mdc";
  private static final ThreadLocal<Map<String, String>> CURRENT = new ThreadLocal<>();
  private static final AtomicBoolean REGISTERED = new AtomicBoolean();

  /** Once per JVM: the accessor, and Reactor's propagation into every operator (Boot's {@code auto} mode). */
  static void register() {
    if (REGISTERED.compareAndSet(false, true)) {
      ContextRegistry.getInstance().registerThreadLocalAccessor(new RequestMdcAccessor());
      Hooks.enableAutomaticContextPropagation();
    }
  }

  @Override
  public Object key() {
    return KEY;
  }

  @Override
  public Map<String, String> getValue() {
    return CURRENT.get();
  }

  @Override
  public void setValue(Map<String, String> entries) {
    setValue();
    entries.forEach(MDC::put);
    CURRENT.set(entries);
  }

  @Override
  public void setValue() {
    Map<String, String> entries = CURRENT.get();
    if (entries != null) {
      entries.keySet().forEach(MDC::remove);
      CURRENT.remove();
    }
  }

  @Override
  public void restore(Map<String, String> previous) {
    if (previous == null) {
      setValue();
    } else {
      setValue(previous);
    }
  }
}
