package dev.jahiz.receiver.delivery;

import dev.jahiz.delivery.DeliveryOutcome;
import dev.jahiz.delivery.MessageOptions;
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
    return deliver(report, MessageOptions.none());
  }

  /** The note leads the text, as in Telegram; link buttons are printed below it. */
  @Override
  public DeliveryOutcome deliver(ErrorReport report, MessageOptions options) {
    String text = renderer.render(report, options.note()).plainText();
    synchronized (out) {
      out.println("──────── Telegram message (console mode) ────────");
      out.println(text);
      options.buttons().stream().flatMap(java.util.List::stream).filter(b -> b.url() != null)
          .forEach(b -> out.println(b.text() + ": " + b.url()));
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
