package com.example.shop;

import com.example.users.AppUser;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** A small WebFlux app (Netty) that knows nothing of Jahiz: open carts, and orders behind HTTP Basic. */
@SpringBootApplication
public class ShopApplication {
  @Bean
  SecurityWebFilterChain shopSecurity(ServerHttpSecurity http) {
    return http.authorizeExchange(exchanges -> exchanges.pathMatchers("/orders/**").authenticated()
            .anyExchange().permitAll())
        .httpBasic(Customizer.withDefaults())
        .csrf(ServerHttpSecurity.CsrfSpec::disable).build();
  }

  @Bean
  ReactiveUserDetailsService shopUsers() {
    return username -> "bob".equals(username)
        ? Mono.<UserDetails>just(new AppUser("bob", "b0b-password", "usr_7", "bob@example.com")) : Mono.empty();
  }

  @RestController
  static class CartController {
    private static final Logger log = LoggerFactory.getLogger(CartController.class);

    /** Logs on a Reactor scheduler thread, after the handler was chosen. */
    @GetMapping("/carts/{cartId}")
    Mono<String> cart(@PathVariable("cartId") long cartId) {
      return Mono.fromCallable(() -> {
        log.error("Cart {} lost its prices", cartId, new IllegalStateException("price cache empty"));
        return "cart " + cartId;
      }).subscribeOn(Schedulers.boundedElastic());
    }

    /** Logs right away, on the thread that chose the handler. */
    @GetMapping("/orders/{orderId}")
    Mono<String> order(@PathVariable("orderId") long orderId) {
      log.error("Order {} has no invoice", orderId, new IllegalStateException("invoice store offline"));
      return Mono.just("order " + orderId);
    }

    @GetMapping("/orders/{orderId}/status")
    Mono<String> orderStatus(@PathVariable("orderId") long orderId) {
      return Mono.just("order " + orderId + " is open");
    }

    /** Throws right away; {@link ShopErrors} answers 500 and logs nothing. */
    @GetMapping("/carts/{cartId}/checkout")
    Mono<String> checkout(@PathVariable("cartId") long cartId) {
      throw new CheckoutFailedException("payment provider refused cart " + cartId);
    }

    /**
     * Fails later, on a timer thread; {@link ShopErrors} logs it and answers 500. (Not subscribeOn: Reactor
     * interrupts that thread, which Tomcat, serving this app on Spring Boot 3.5, then writes the answer on.)
     */
    @GetMapping("/orders/{orderId}/refund")
    Mono<String> refund(@PathVariable("orderId") long orderId) {
      return Mono.delay(Duration.ofMillis(5))
          .then(Mono.error(new RefundFailedException("ledger rejected the refund of order " + orderId)));
    }

    /** Fails later, on a timer thread; this controller's own handler answers 503 and logs nothing. */
    @GetMapping("/carts/{cartId}/stock")
    Mono<String> stock(@PathVariable("cartId") long cartId) {
      return Mono.delay(Duration.ofMillis(5))
          .then(Mono.error(new StockUnknownException("warehouse did not answer for cart " + cartId)));
    }

    /** Throws right away; this controller's own handler answers 404 (a client error is no failure to report). */
    @GetMapping("/carts/{cartId}/coupon")
    Mono<String> coupon(@PathVariable("cartId") long cartId) {
      throw new CouponUnknownException("no coupon for cart " + cartId);
    }

    @ExceptionHandler(StockUnknownException.class)
    ResponseEntity<String> stockUnknown(StockUnknownException e) {
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body("stock unknown");
    }

    @ExceptionHandler(CouponUnknownException.class)
    ResponseEntity<String> couponUnknown(CouponUnknownException e) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND).body("no such coupon");
    }
  }

  public static class CheckoutFailedException extends RuntimeException {
    CheckoutFailedException(String message) {
      super(message);
    }
  }

  public static class RefundFailedException extends RuntimeException {
    RefundFailedException(String message) {
      super(message);
    }
  }

  static class StockUnknownException extends RuntimeException {
    StockUnknownException(String message) {
      super(message);
    }
  }

  static class CouponUnknownException extends RuntimeException {
    CouponUnknownException(String message) {
      super(message);
    }
  }
}
