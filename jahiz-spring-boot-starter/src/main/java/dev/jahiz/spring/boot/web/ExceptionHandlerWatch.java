package dev.jahiz.spring.boot.web;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

/**
 * WebFlux, around an {@code @ExceptionHandler} method: the exception it is given becomes the
 * resolved failure of the request being handled on this thread. WebFlux's
 * {@code RequestMappingHandlerAdapter} calls exception handlers inside itself and records the
 * exception nowhere else (no counterpart of Spring MVC's {@code DispatcherServlet.EXCEPTION_ATTRIBUTE},
 * no error on the observation context): the handler's own argument is the one place it shows. The
 * request is found through the Reactor context the filter set, as the MDC entries are, since a
 * handler need not take the exchange as a parameter.
 */
final class ExceptionHandlerWatch implements MethodInterceptor {
  @Override
  public Object invoke(MethodInvocation invocation) throws Throwable {
    ExchangeMdc request = RequestMdcAccessor.current();
    if (request != null && request.failure() != null) {
      for (Object argument : invocation.getArguments()) {
        if (argument instanceof Throwable) {
          request.failure().resolvedBy((Throwable) argument);
          break;
        }
      }
    }
    return invocation.proceed();
  }
}
