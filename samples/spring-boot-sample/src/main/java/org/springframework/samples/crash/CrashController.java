package org.springframework.samples.crash;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Spring PetClinic's CrashController, in a package like PetClinic's: code of an app whose package
 * starts like Spring's own. Nothing handles its exception, so Tomcat logs it with its wrapper text,
 * and Spring MVC calls it through reflection, which the JVM replaces after 15 calls. Jahiz still
 * reports it as one failure of the app's CrashController, headed by the exception's own message.
 */
@RestController
public class CrashController {
  @GetMapping("/oups")
  public String triggerException() {
    throw new RuntimeException("Expected: controller used to showcase what happens when an exception is thrown");
  }
}
