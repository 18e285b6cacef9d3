package dev.jahiz.agent;

import dev.jahiz.agent.boot.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code ch.qos.logback.classic.Logger#callAppenders}, which Logback calls exactly once
 * per event, on the logging thread, whatever appenders, additivity or async appenders the app's
 * configuration has, and whatever Spring Boot's resets of the logging system leave in place.
 */
final class LogbackAdvice {
  private LogbackAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void enter(@Advice.This Object logger, @Advice.Argument(0) Object event) {
    Hooks.logback(logger, event);
  }
}
