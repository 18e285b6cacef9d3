package dev.jahiz.samples.console;

import dev.jahiz.StatusListener;
import dev.jahiz.client.JahizClient;
import dev.jahiz.config.InvalidSettingsException;
import dev.jahiz.config.JahizOption;
import dev.jahiz.config.JahizSettings;
import dev.jahiz.device.SampledDeviceInfo;
import dev.jahiz.fingerprint.StackFrames;
import dev.jahiz.report.ErrorReport;
import dev.jahiz.report.RequestContext;
import dev.jahiz.report.Severity;
import dev.jahiz.report.ThrowableDetails;
import dev.jahiz.report.UserInfo;
import dev.jahiz.telegram.TelegramRenderer;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Shows what a Jahiz message looks like without any account: renders a realistic checkout failure
 * the way Telegram would display it. With {@code TELEGRAM_BOT_TOKEN} and {@code TELEGRAM_CHAT_ID}
 * (or {@code JAHIZ_RECEIVER_URL} and {@code WEBHOOK_SECRET}) set, it also delivers it.
 */
public final class ConsoleSample {
  private ConsoleSample() {}

  public static void main(String[] args) {
    ErrorReport report = checkoutFailure();
    System.out.println("── Jahiz would send this to Telegram (HTML parse mode) ──");
    System.out.println(TelegramRenderer.byDefault().render(report).plainText());
    System.out.println("─────────────────────────────────────────────────────────");

    JahizSettings settings;
    try {
      settings = JahizSettings.builder().set(JahizOption.APP_NAME, "checkout-api").set(JahizOption.ENVIRONMENT, "sample")
          .build();
    } catch (InvalidSettingsException notConfigured) {
      System.out.println("Not delivered: no destination configured. Set TELEGRAM_BOT_TOKEN and TELEGRAM_CHAT_ID"
          + " (or JAHIZ_RECEIVER_URL and WEBHOOK_SECRET) to send it.");
      return;
    }
    JahizClient client = settings.startClient(StatusListener.stderr());
    client.report(report);
    client.close(Duration.ofSeconds(10));
    System.out.println("Delivered via " + settings + ": " + client.counters());
  }

  static ErrorReport checkoutFailure() {
    Exception failure;
    try {
      new CheckoutService().pay("ord_67890");
      throw new AssertionError("unreachable");
    } catch (IllegalStateException e) {
      failure = e;
    }
    ErrorReport report = ErrorReport.builder()
        .errorMessage("Payment for order ord_67890 failed")
        .severity(Severity.CRITICAL)
        .errorCode("CHK_001")
        .appName("checkout-api").appVersion("3.2.1").environment("sample").serviceName("checkout-service")
        .logger("dev.jahiz.samples.console.CheckoutService")
        .component("CheckoutService")
        .thread(Thread.currentThread().getName())
        .context(RequestContext.builder().requestMethod("POST").requestUrl("https://api.example.com/checkout")
            .responseStatus(500).build())
        .user(UserInfo.builder().userId("usr_12345").username("john_doe").build())
        .tags(Map.of("team", "payments"))
        .metadata(Map.of("order_id", "ord_67890", "cart_total", 299.99))
        .build();
    try (SampledDeviceInfo device = SampledDeviceInfo.start(Duration.ofMinutes(1), StatusListener.silent())) {
      report = report.toBuilder().device(device.current()).build();
    }
    return ThrowableDetails.complete(report, failure, StackFrames.forApplicationPackages(List.of("dev.jahiz.samples")));
  }

  static final class CheckoutService {
    void pay(String orderId) {
      try {
        new PaymentGateway().charge(orderId, 299.99);
      } catch (RuntimeException e) {
        throw new IllegalStateException("Payment for order " + orderId + " failed", e);
      }
    }
  }

  static final class PaymentGateway {
    void charge(String orderId, double amount) {
      throw new UnsupportedOperationException("card_declined: insufficient funds for " + amount);
    }
  }
}
