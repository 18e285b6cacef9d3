package org.springframework.samples.petclinic.owner;

import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class OwnerController {
  private static final Logger log = LoggerFactory.getLogger(OwnerController.class);
  private final OwnerRepository owners;
  private final PetRepository pets;
  private final BillingService billing;
  private final NotificationService notifications;

  OwnerController(OwnerRepository owners, PetRepository pets, BillingService billing,
      NotificationService notifications) {
    this.owners = owners;
    this.pets = pets;
    this.billing = billing;
    this.notifications = notifications;
  }

  /** Through a CGLIB proxy. */
  @GetMapping("/owners/{id}/invoice")
  public double invoice(@PathVariable("id") int id) {
    return billing.invoiceTotal(id);
  }

  /** Through a JDK dynamic proxy (the repository), failing in Hibernate and H2. */
  @GetMapping("/owners/new")
  public Integer create() {
    return owners.saveAndFlush(new Owner()).getId();
  }

  /** A lazy collection read after the session closed (open-in-view is off). */
  @GetMapping("/owners/{id}/pets")
  public int petCount(@PathVariable("id") int id) {
    Owner owner = owners.findById(id).orElseThrow();
    return owner.getPets().size();
  }

  /** A Hibernate proxy ($HibernateProxy) initialised after the session closed. */
  @GetMapping("/pets/{id}/name")
  public String petName(@PathVariable("id") int id) {
    return pets.getReferenceById(id).getName();
  }

  @GetMapping("/owners/{id}/notify")
  public String notifyOwner(@PathVariable("id") int id) {
    notifications.notifyOwner(id);
    return "queued";
  }

  /** A CompletableFuture chain on the common pool; the app logs the failure itself. */
  @GetMapping("/owners/{id}/prices")
  public String refreshPrices(@PathVariable("id") int id) {
    CompletableFuture.supplyAsync(() -> loadPrices(id))
        .thenApply(prices -> applyDiscount(prices, id))
        .whenComplete((total, failure) -> {
          if (failure != null) {
            MDC.put("scenario", "completable-future");
            log.error("Price refresh failed for owner {}", id, failure);
            MDC.remove("scenario");
          }
        });
    return "refreshing";
  }

  private static double[] loadPrices(int id) {
    return new double[] {12.5, 30};
  }

  private static double applyDiscount(double[] prices, int id) {
    throw new IllegalArgumentException("discount table has no entry for owner " + id);
  }
}
