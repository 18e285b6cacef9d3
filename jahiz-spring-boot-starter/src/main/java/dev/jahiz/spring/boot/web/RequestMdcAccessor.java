package dev.jahiz.spring.boot.web;

import dev.jahiz.spring.boot.logging.LoggedThrowables;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.MDC;
import reactor.core.publisher.Hooks;

/**
 * Carries a WebFlux request's MDC entries from the Reactor context to whichever thread runs a part
 * of its handling (Reactor's automatic context propagation with Micrometer's context-propagation),
 * and takes them off again, so that an error logged on a scheduler thread still carries the request.
 * The entries are read when they are put on a thread, and one that joins the request while it is on
 * a thread (the route, the user) is put there too. While a request is on a thread, the throwables
 * logged there go to its record ({@link ResolvedFailure}).
 */
final class RequestMdcAccessor implements ThreadLocalAccessor<ExchangeMdc> {
  static final String KEY = "dev.jahiz.request-mdc";
  private static final ThreadLocal<ExchangeMdc> CURRENT = new ThreadLocal<>();
  private static final AtomicBoolean REGISTERED = new AtomicBoolean();

  /** Once per JVM: the accessor, and Reactor's propagation into every operator (Boot's {@code auto} mode). */
  static void register() {
    if (REGISTERED.compareAndSet(false, true)) {
      ContextRegistry.getInstance().registerThreadLocalAccessor(new RequestMdcAccessor());
      Hooks.enableAutomaticContextPropagation();
    }
  }

  /** An entry that joined {@code request}: into this thread's MDC if the request's entries are there. */
  static void added(ExchangeMdc request, String key, String value) {
    if (CURRENT.get() == request && MDC.get(key) == null) {
      MDC.put(key, value);
    }
  }

  /** The WebFlux request whose part runs on this thread, if any. */
  static ExchangeMdc current() {
    return CURRENT.get();
  }

  /** Runs {@code action} with {@code request}'s entries in this thread's MDC, then puts back what was there. */
  static void runWith(ExchangeMdc request, Runnable action) {
    RequestMdcAccessor accessor = new RequestMdcAccessor();
    ExchangeMdc previous = CURRENT.get();
    accessor.setValue(request);
    try {
      action.run();
    } finally {
      accessor.restore(previous);
    }
  }

  @Override
  public Object key() {
    return KEY;
  }

  @Override
  public ExchangeMdc getValue() {
    return CURRENT.get();
  }

  @Override
  public void setValue(ExchangeMdc request) {
    setValue();
    request.entries().forEach(MDC::put);
    CURRENT.set(request);
    if (request.failure() != null) {
      LoggedThrowables.attach(request.failure().logged());
    }
  }

  @Override
  public void setValue() {
    ExchangeMdc request = CURRENT.get();
    if (request != null) {
      request.entries().keySet().forEach(MDC::remove);
      CURRENT.remove();
      if (request.failure() != null) {
        LoggedThrowables.end();
      }
    }
  }

  @Override
  public void restore(ExchangeMdc previous) {
    if (previous == null) {
      setValue();
    } else {
      setValue(previous);
    }
  }
}
