package org.springframework.samples.petclinic.system;

import org.slf4j.MDC;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** A @Scheduled task that fails: Spring's TaskUtils logs "Unexpected error occurred in scheduled task". */
@Component
class ReminderJob {
  @Scheduled(initialDelay = 1500, fixedDelay = 3_600_000)
  void sendReminders() {
    MDC.put("scenario", "scheduled");
    throw new IllegalStateException("reminder mail server unreachable: smtp.example.org:25");
  }
}
