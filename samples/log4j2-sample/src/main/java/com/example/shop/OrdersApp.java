package com.example.shop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.message.StringMapMessage;

/**
 * An ordinary Log4j2 application: nothing in here knows about Jahiz; log4j2.xml does. It logs a
 * few realistic failures, or with {@code --errors N --distinct K} a storm of N errors spread over K
 * distinct failures, then shuts Log4j down, which delivers what is still queued.
 */
public final class OrdersApp {
  private static final Logger log = LogManager.getLogger(OrdersApp.class);
  /** Words, not numbers: Jahiz masks numbers when it groups, so "db-1" and "db-2" are one failure. */
  private static final String[] SERVICES = {"inventory", "payments", "shipping", "pricing", "search", "reviews",
      "accounts", "loyalty", "tax", "fraud", "catalog", "email"};

  private OrdersApp() {}

  public static void main(String[] args) {
    int errors = intArg(args, "--errors", 0);
    int distinct = Math.max(1, Math.min(intArg(args, "--distinct", 3), SERVICES.length * 3));
    try {
      if (errors > 0) {
        storm(errors, distinct);
      } else {
        realisticFailures();
      }
      log.info("done; shutting Log4j down delivers what is queued");
    } finally {
      LogManager.shutdown();
    }
  }

  private static void realisticFailures() {
    // What a web framework's request filter would put in the ThreadContext. The catch sits inside
    // the try-with-resources: a catch on it would run after the context is already gone.
    try (CloseableThreadContext.Instance request = CloseableThreadContext.put("user_id", "usr_12345")
        .put("request_method", "POST")
        .put("request_url", "https://shop.example.com/checkout")
        .put("response_status", "500")
        .put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736")) {
      try {
        new Checkout().pay("ord_67890", 299.99);
      } catch (RuntimeException e) {
        log.error("Checkout of order {} failed", "ord_67890", e);
      }
    }

    // Structured fields: a MapMessage's "message" is the text, the other fields arrive as metadata.
    log.error(new StringMapMessage()
        .with("message", "Refund rejected by the card issuer")
        .with("order_id", "ord_55120")
        .with("amount", "49.90")
        .with("currency", "EUR"));

    log.warn("Inventory sync is slow; warnings are not sent by default");
    log.error(MarkerManager.getMarker("CRITICAL"), "Ledger out of balance after nightly settlement",
        new IllegalStateException("debits and credits differ by 12.40 EUR"));
  }

  private static void storm(int errors, int distinct) {
    Logger storm = LogManager.getLogger("com.example.shop.LoadTest");
    for (int i = 0; i < errors; i++) {
      try {
        failure(i % distinct, i);
      } catch (Exception e) {
        storm.error("Request {} failed", i, e);
      }
    }
    log.info("logged {} errors over {} distinct failures", errors, distinct);
  }

  private static void failure(int kind, int request) throws Exception {
    String service = SERVICES[kind / 3];
    switch (kind % 3) {
      case 0:
        throw new SQLException("connection refused to the " + service + " database (request " + request + ")");
      case 1:
        throw new SocketTimeoutException(service + " service timed out after 30000 ms (request " + request + ")");
      default:
        throw new IllegalStateException(service + " cache unavailable");
    }
  }

  private static int intArg(String[] args, String name, int fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return fallback;
  }

  static final class Checkout {
    void pay(String orderId, double amount) {
      try {
        new PaymentGateway().charge(orderId, amount);
      } catch (IOException e) {
        throw new IllegalStateException("payment of " + amount + " for " + orderId + " failed",
            new UncheckedIOException("payment gateway unreachable", e));
      }
    }
  }

  static final class PaymentGateway {
    void charge(String orderId, double amount) throws IOException {
      throw new SocketTimeoutException("connect timed out to pay.example.net:443");
    }
  }
}
