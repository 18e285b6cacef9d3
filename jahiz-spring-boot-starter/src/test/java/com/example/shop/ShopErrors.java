package com.example.shop;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;

/**
 * The shop's error handling: one failure answered silently, one logged, and Spring's own web
 * exceptions as problem details (Spring's base class, whose handler method is final).
 */
@RestControllerAdvice
class ShopErrors extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ShopErrors.class);

  @ExceptionHandler(ShopApplication.CheckoutFailedException.class)
  ProblemDetail checkoutFailed(ShopApplication.CheckoutFailedException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "checkout is unavailable");
  }

  @ExceptionHandler(ShopApplication.RefundFailedException.class)
  ProblemDetail refundFailed(ShopApplication.RefundFailedException e) {
    log.error("Refund failed", e);
    return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "refunds are unavailable");
  }
}
