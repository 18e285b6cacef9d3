package com.example.legacy;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.MarkerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class InvoiceController {
  private static final Logger log = LoggerFactory.getLogger(InvoiceController.class);

  @GetMapping("/")
  Map<String, String> index() {
    return Map.of("try", "/invoices/7 (throws)");
  }

  @GetMapping("/invoices/{id}")
  Map<String, Object> invoice(@PathVariable("id") long id) {
    return Map.of("id", id, "total", new TaxCalculator().tax(id));
  }

  /** The app's last-resort handler, logging through SLF4J 1.7's API: a marker and the MDC. */
  @ExceptionHandler(Exception.class)
  ResponseEntity<Map<String, String>> unexpected(Exception e) {
    MDC.put("user_id", "usr_7");
    try {
      log.error(MarkerFactory.getMarker("BILLING"), "Invoice failed: {}", e.getMessage(), e);
    } finally {
      MDC.remove("user_id");
    }
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(Map.of("error", "internal error"));
  }

  static final class TaxCalculator {
    double tax(long invoiceId) {
      throw new IllegalStateException("no tax rate for invoice " + invoiceId);
    }
  }
}
