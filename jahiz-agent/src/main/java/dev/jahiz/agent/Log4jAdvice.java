package dev.jahiz.agent;

import dev.jahiz.agent.boot.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code org.apache.logging.log4j.core.LoggerContext#setConfiguration}, through which
 * every configuration of a Log4j context passes: the first one and each reconfiguration.
 */
final class Log4jAdvice {
  private Log4jAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  static void exit(@Advice.This Object loggerContext) {
    Hooks.log4j(loggerContext);
  }
}
