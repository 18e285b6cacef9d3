package com.example.clinic;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The app's error handling: failures answered silently, one logged here. */
@RestControllerAdvice
class ClinicErrors {
  private static final Logger log = LoggerFactory.getLogger(ClinicErrors.class);

  @ExceptionHandler(OwnerController.PetsUnavailableException.class)
  ProblemDetail petsUnavailable(OwnerController.PetsUnavailableException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "pets are unavailable");
  }

  /** The controller logged this one before throwing it. */
  @ExceptionHandler(OwnerController.BillsUnavailableException.class)
  ProblemDetail billsUnavailable(OwnerController.BillsUnavailableException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "bills are unavailable");
  }

  @ExceptionHandler(OwnerController.InvoicesUnavailableException.class)
  ProblemDetail invoicesUnavailable(OwnerController.InvoicesUnavailableException e) {
    log.error("Invoices failed", e);
    return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "invoices are unavailable");
  }
}
