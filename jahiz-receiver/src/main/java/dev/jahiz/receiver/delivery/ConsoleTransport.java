package dev.jahiz.receiver.delivery;

import dev.jahiz.delivery.DeliveryOutcome;
import dev.jahiz.delivery.Transport;
import dev.jahiz.report.ErrorReport;
import dev.jahiz.telegram.TelegramRenderer;
import java.io.PrintStream;

/**
 * Console mode, for a machine without a Telegram bot: each digest is rendered exactly as it would
 * be sent and printed, so the whole pipeline can be watched without an account.
 */
public final class ConsoleTransport implements Transport {
  private final TelegramRenderer renderer;
  private final PrintStream out;

  public ConsoleTransport(TelegramRenderer renderer, PrintStream out) {
    this.renderer = renderer;
    this.out = out;
  }

  @Override
  public DeliveryOutcome deliver(ErrorReport report) {
    String text = renderer.render(report).plainText();
    synchronized (out) {
      out.println("──────── Telegram message (console mode) ────────");
      out.println(text);
      out.println("─────────────────────────────────────────────────");
      out.flush();
    }
    return DeliveryOutcome.delivered();
  }

  @Override
  public String describe() {
    return "console";
  }

  @Override
  public void close() {
    out.flush();
  }
}
