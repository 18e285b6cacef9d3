package dev.jahiz.receiver.monitoring.alert;

import dev.jahiz.delivery.DeliveryOutcome;
import dev.jahiz.delivery.Transport;
import dev.jahiz.report.ErrorReport;
import dev.jahiz.report.Severity;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts to a Telegram chat (or the console in console mode), as reports from {@code jahiz-receiver}
 * through core's transport, which keeps Telegram's rules (HTML escaping, 429s, chat migrations).
 */
public final class TelegramAlertChannel implements AlertChannel {
  private static final Logger log = LoggerFactory.getLogger(TelegramAlertChannel.class);

  private final Transport transport;

  public TelegramAlertChannel(Transport transport) {
    this.transport = transport;
  }

  @Override
  public boolean send(Alert alert) {
    String condition = alert.key().split(":", 2)[0];
    ErrorReport report = ErrorReport.builder()
        .eventId(UUID.randomUUID().toString())
        .severity(alert.recovery() ? Severity.INFO : Severity.WARNING)
        .appName("jahiz-receiver")
        .errorType(alert.title())
        .errorMessage(alert.body())
        .fingerprint("alert-" + UUID.randomUUID())
        .tags(Map.of("alert", condition))
        .build();
    DeliveryOutcome outcome;
    try {
      outcome = transport.deliver(report);
    } catch (RuntimeException e) {
      outcome = DeliveryOutcome.retryable("transport threw " + e);
    }
    if (!outcome.isDelivered()) {
      log.warn("alert '{}' not delivered to {}: {}", alert.title(), transport.describe(), outcome.reason());
    }
    return outcome.isDelivered();
  }

  @Override
  public String describe() {
    return transport.describe();
  }
}
