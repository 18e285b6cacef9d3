package org.springframework.samples.petclinic.system;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Only in the reactive run: a failure inside a Mono on Reactor Netty. */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
class ReactiveController {
  @GetMapping("/visits/{petId}")
  public Mono<String> visits(@PathVariable("petId") int petId) {
    return Mono.just(petId).map(this::nextVisit);
  }

  private String nextVisit(int petId) {
    throw new IllegalStateException("no vet available for pet " + petId);
  }
}
