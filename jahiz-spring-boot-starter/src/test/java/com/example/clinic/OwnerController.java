package com.example.clinic;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class OwnerController {
  private static final Logger log = LoggerFactory.getLogger(OwnerController.class);

  /** Logs an error and answers normally, as a service does when a side task fails. */
  @GetMapping("/owners/{ownerId}")
  String owner(@PathVariable("ownerId") long ownerId) {
    log.error("Could not load the visits of owner {}", ownerId, new IllegalStateException("visit store offline"));
    return "owner " + ownerId;
  }

  /** Throws; the app's @ControllerAdvice turns it into a 500 ProblemDetail without logging it. */
  @GetMapping("/owners/{ownerId}/pets")
  String pets(@PathVariable("ownerId") long ownerId) {
    throw new PetsUnavailableException("pet registry timed out for owner " + ownerId);
  }

  /** Throws; the app's @ControllerAdvice logs it and answers 500. */
  @GetMapping("/owners/{ownerId}/invoices")
  String invoices(@PathVariable("ownerId") long ownerId) {
    throw new InvoicesUnavailableException("billing is down for owner " + ownerId);
  }

  /** Logs the failure itself, then throws it; the app's @ControllerAdvice answers 500 without logging. */
  @GetMapping("/owners/{ownerId}/bills")
  String bills(@PathVariable("ownerId") long ownerId) {
    BillsUnavailableException failure = new BillsUnavailableException("bills are locked for owner " + ownerId);
    log.error("Bills of owner {} failed", ownerId, failure);
    throw failure;
  }

  /** Logs an error of its own kind and answers normally. */
  @GetMapping("/visits/{visitId}")
  String visit(@PathVariable("visitId") long visitId) {
    log.error("Visit {} has no vet", visitId, new UnsupportedOperationException("vet schedule missing"));
    return "visit " + visitId;
  }

  @GetMapping("/hello")
  String hello() {
    return "hello";
  }

  static final class PetsUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PetsUnavailableException(String message) {
      super(message);
    }
  }

  static final class BillsUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BillsUnavailableException(String message) {
      super(message);
    }
  }

  static final class InvoicesUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvoicesUnavailableException(String message) {
      super(message);
    }
  }
}
