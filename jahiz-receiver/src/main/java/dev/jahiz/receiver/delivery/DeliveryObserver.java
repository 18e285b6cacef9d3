package dev.jahiz.receiver.delivery;

import dev.jahiz.delivery.DeliveryOutcome;
import dev.jahiz.report.ErrorReport;
import java.time.Duration;

/** Told of every call to the destination, on the delivery thread; must return quickly and never throw. */
public interface DeliveryObserver {
  DeliveryObserver NONE = (digest, outcome, took) -> {};

  void attempted(ErrorReport digest, DeliveryOutcome outcome, Duration took);
}
