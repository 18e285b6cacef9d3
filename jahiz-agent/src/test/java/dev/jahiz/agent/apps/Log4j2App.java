package dev.jahiz.agent.apps;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;

/**
 * An app that knows nothing of Jahiz, on Log4j 2 ({@code log4j2.xml}: a non-additive logger and
 * an AsyncLogger), logging through the Log4j API and through SLF4J bridged to Log4j, and
 * reconfiguring once. Five ERROR events, one INFO.
 */
public final class Log4j2App {
  public static void main(String[] args) {
    Logger log = LogManager.getLogger("com.example.billing.Payments");
    log.info("billing starts");
    ThreadContext.put("user_id", "u-17");
    log.error("payment failed for order 42", new IllegalStateException("card declined"));
    ThreadContext.clearAll();
    LogManager.getLogger("com.example.audit.Trail").error("audit trail broken");
    LogManager.getLogger("com.example.jobs.Nightly").error("nightly job failed");
    org.slf4j.LoggerFactory.getLogger("com.example.api.Orders").error("order sync failed");
    ((LoggerContext) LogManager.getContext(false)).reconfigure();
    log.error("refund failed after reconfigure");
    System.out.println("billing done");
  }
}
