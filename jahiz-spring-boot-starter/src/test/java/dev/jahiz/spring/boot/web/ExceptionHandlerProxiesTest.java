package dev.jahiz.spring.boot.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;

/**
 * Which of the app's beans the WebFlux exception-handler watch proxies: those with an
 * {@code @ExceptionHandler} method that a class-based proxy cannot change the behaviour of, and no
 * other. A proxied handler still answers as the app wrote it.
 */
class ExceptionHandlerProxiesTest {
  private final ExceptionHandlerProxies proxies = new ExceptionHandlerProxies(true);

  static class Advice {
    private final String detail = "checkout is unavailable";

    @ExceptionHandler(IllegalStateException.class)
    ProblemDetail failed(IllegalStateException e) {
      return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, detail);
    }
  }

  static class ProblemDetails extends ResponseEntityExceptionHandler {
    @ExceptionHandler(IllegalStateException.class)
    ProblemDetail failed(IllegalStateException e) {
      return ProblemDetail.forStatus(HttpStatus.INTERNAL_SERVER_ERROR);
    }
  }

  static final class FinalAdvice {
    @ExceptionHandler(IllegalStateException.class)
    ProblemDetail failed(IllegalStateException e) {
      return ProblemDetail.forStatus(HttpStatus.INTERNAL_SERVER_ERROR);
    }
  }

  static class PrivateHandler {
    @ExceptionHandler(IllegalStateException.class)
    private ProblemDetail failed(IllegalStateException e) {
      return ProblemDetail.forStatus(HttpStatus.INTERNAL_SERVER_ERROR);
    }
  }

  static class FinalHandler {
    @ExceptionHandler(IllegalStateException.class)
    final ProblemDetail failed(IllegalStateException e) {
      return ProblemDetail.forStatus(HttpStatus.INTERNAL_SERVER_ERROR);
    }
  }

  static class NoHandler {
    String hello() {
      return "hello";
    }
  }

  @Test
  void anAdviceIsWatchedAndStillAnswersWithItsOwnState() {
    Object bean = proxies.postProcessAfterInitialization(new Advice(), "advice");

    assertThat(AopUtils.isCglibProxy(bean)).isTrue();
    assertThat(((Advice) bean).failed(new IllegalStateException("boom")).getDetail())
        .isEqualTo("checkout is unavailable");
    assertThat(AopUtils.isCglibProxy(proxies.postProcessAfterInitialization(new ProblemDetails(), "problems")))
        .isTrue();
  }

  @Test
  void beansAProxyCouldChangeOrWithoutHandlersAreLeftAlone() {
    for (Object bean : new Object[] {new FinalAdvice(), new PrivateHandler(), new FinalHandler(), new NoHandler()}) {
      assertThat(proxies.postProcessAfterInitialization(bean, "bean")).as(bean.getClass().getSimpleName()).isSameAs(bean);
    }
    Object off = new ExceptionHandlerProxies(false).postProcessAfterInitialization(new Advice(), "advice");
    assertThat(AopUtils.isAopProxy(off)).isFalse();
  }
}
