package com.example.orders;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class OrderController {
  @GetMapping("/")
  Map<String, String> index() {
    return Map.of("try", "/orders/42 (throws), /oups (throws, unhandled)");
  }

  @GetMapping("/orders/{id}")
  Map<String, Object> order(@PathVariable("id") long id) {
    return Map.of("id", id, "total", new PriceCalculator().total(id));
  }

  static final class PriceCalculator {
    double total(long orderId) {
      throw new IllegalStateException("no price list for order " + orderId);
    }
  }
}
