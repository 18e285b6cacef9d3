package com.example.checkout;

/**
 * Realistic failures to log: an application exception with a few causes and about 60 frames each,
 * thrown from a few layers of "application" code (this package) below framework-like recursion.
 * Built once per trial: the benchmarks measure the cost of logging an exception, not of making one.
 */
public final class Failures {
  /** Frames below the throw site in the depth the benchmarks use: about 60 per throwable. */
  public static final int DEPTH = 50;

  private Failures() {}

  /** The benchmarks' failure: IllegalStateException ← UncheckedIOException ← SocketTimeoutException. */
  public static RuntimeException realistic() {
    return distinct(0);
  }

  /** One of a few distinct failures (different types, messages and throw sites), for storms. */
  public static RuntimeException distinct(int kind) {
    try {
      Controller.handle(kind, DEPTH);
      throw new AssertionError("unreachable");
    } catch (RuntimeException e) {
      return e;
    }
  }

  static final class Controller {
    static void handle(int kind, int depth) {
      if (depth > 0) {
        handle(kind, depth - 1); // stands for filters, interceptors, proxies and the like
        return;
      }
      try {
        OrderService.placeOrder(kind, 42_001);
      } catch (RuntimeException e) {
        switch (kind % 3) {
          case 0:
            throw new IllegalStateException("Order 42001 could not be placed: payment step failed", e);
          case 1:
            throw new IllegalArgumentException("Cart 77 has an unknown coupon code SUMMER-25", e);
          default:
            throw new UnsupportedOperationException("Shipping to region EU-9 is not configured", e);
        }
      }
    }
  }

  static final class OrderService {
    static void placeOrder(int kind, long order) {
      try {
        PaymentClient.charge(kind, order, 3);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("payment provider call failed for order " + order, e);
      }
    }
  }

  static final class PaymentClient {
    static void charge(int kind, long order, int hops) throws java.io.IOException {
      if (hops > 0) {
        charge(kind, order, hops - 1);
        return;
      }
      throw new java.net.SocketTimeoutException("Read timed out after 3000 ms (payments.internal:443, kind " + kind + ")");
    }
  }
}
