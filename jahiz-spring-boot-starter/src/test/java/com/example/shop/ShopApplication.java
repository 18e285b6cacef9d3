package com.example.shop;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A small WebFlux app (Netty) that knows nothing of Jahiz. */
@SpringBootApplication
public class ShopApplication {
  @Bean
  SecurityWebFilterChain shopSecurity(ServerHttpSecurity http) {
    return http.authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
        .csrf(ServerHttpSecurity.CsrfSpec::disable).build();
  }

  @RestController
  static class CartController {
    private static final Logger log = LoggerFactory.getLogger(CartController.class);

    @GetMapping("/carts/{cartId}")
    Mono<String> cart(@PathVariable("cartId") long cartId) {
      log.error("Cart {} lost its prices", cartId, new IllegalStateException("price cache empty"));
      return Mono.just("cart " + cartId);
    }
  }
}
