package org.springframework.samples.petclinic.system;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** PetClinic's own CrashController: a controller that throws, called by Spring MVC through reflection. */
@RestController
class CrashController {
  @GetMapping("/oups")
  public String triggerException() {
    throw new RuntimeException(
        "Expected: controller used to showcase what happens when an exception is thrown");
  }
}
