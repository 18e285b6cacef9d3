package org.springframework.samples.petclinic.owner;

import org.slf4j.MDC;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;

/** An @Async void method: Spring's SimpleAsyncUncaughtExceptionHandler logs its failure. */
@Service
public class NotificationService {
  @Async
  public void notifyOwner(int ownerId) {
    MDC.put("scenario", "async");
    throw new IllegalStateException("push gateway refused owner " + ownerId);
  }
}
