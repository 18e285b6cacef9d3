package dev.jahiz.agent.apps;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * An app that knows nothing of Jahiz: SLF4J and Logback, configured by {@code logback.xml} with a
 * console appender, a non-additive logger and an AsyncAppender. Three ERROR events, one INFO.
 */
public final class LogbackApp {
  public static void main(String[] args) {
    Logger log = LoggerFactory.getLogger("com.example.billing.Payments");
    log.info("billing starts");
    MDC.put("user_id", "u-17");
    log.error("payment failed for order 42", new IllegalStateException("card declined"));
    MDC.clear();
    LoggerFactory.getLogger("com.example.audit.Trail").error("audit trail broken");
    LoggerFactory.getLogger("com.example.jobs.Nightly").error("nightly job failed");
    // Flushes the AsyncAppender, so that the output's order is the same on every run.
    ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
    System.out.println("billing done");
  }
}
