package com.example.shop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * An ordinary SLF4J application: nothing in here knows about Jahiz. It logs a few realistic
 * failures, or with {@code --errors N --distinct K} a storm of N errors over K distinct failures.
 */
public final class ShopApp {
  private static final Logger log = LoggerFactory.getLogger(ShopApp.class);

  private ShopApp() {}

  public static void main(String[] args) {
    int errors = intArg(args, "--errors", 0);
    int distinct = Math.max(1, intArg(args, "--distinct", 3));
    if (errors > 0) {
      storm(errors, distinct);
    } else {
      realisticFailures();
    }
    log.info("done; exiting (Logback's shutdown hook flushes the alerts)");
  }

  private static void realisticFailures() {
    MDC.put("user_id", "usr_12345");
    MDC.put("request_method", "POST");
    MDC.put("request_url", "https://shop.example.com/checkout");
    MDC.put("response_status", "500");
    try {
      new Checkout().pay("ord_67890", 299.99);
    } catch (RuntimeException e) {
      log.atError().setCause(e).addKeyValue("order_id", "ord_67890").addKeyValue("cart_total", 299.99)
          .log("Checkout of order {} failed", "ord_67890");
    } finally {
      MDC.clear();
    }
    log.warn("Inventory sync is slow; warnings are not sent by default");
    log.error("Nightly export skipped: no exception, just a message");
  }

  private static void storm(int errors, int distinct) {
    for (int i = 0; i < errors; i++) {
      try {
        failure(i % distinct, i);
      } catch (Exception e) {
        log.error("Request {} failed", i, e);
      }
    }
    log.info("logged {} errors over {} distinct failures", errors, distinct);
  }

  /** Names, not numbers, tell the failures apart: numbers in messages are masked when grouping. */
  private static final String[] SERVICES = {"orders", "payments", "users", "search", "billing", "stock", "mail"};

  private static void failure(int kind, int request) throws Exception {
    String service = SERVICES[(kind / 3) % SERVICES.length] + (kind / 3 >= SERVICES.length ? "-" + (char) ('a' + kind / 21) : "");
    switch (kind % 3) {
      case 0:
        throw new SQLException("connection refused to " + service + " database for request " + request);
      case 1:
        throw new TimeoutException(service + " gateway timed out after 30000 ms (request " + request + ")");
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
        throw new UncheckedIOException("payment gateway unreachable for " + orderId, e);
      }
    }
  }

  static final class PaymentGateway {
    void charge(String orderId, double amount) throws IOException {
      throw new IOException("connection reset by peer");
    }
  }
}
