package org.springframework.samples.petclinic.owner;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** @Transactional on a class: callers reach it through a CGLIB proxy (BillingService$$SpringCGLIB$$0). */
@Service
@Transactional
public class BillingService {
  public double invoiceTotal(int ownerId) {
    throw new IllegalStateException("no price list for owner " + ownerId);
  }
}
