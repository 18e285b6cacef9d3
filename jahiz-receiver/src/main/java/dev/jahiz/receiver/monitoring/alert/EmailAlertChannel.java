package dev.jahiz.receiver.monitoring.alert;

import dev.jahiz.receiver.monitoring.MonitoringSettings.Smtp;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts by e-mail (Jakarta Mail, Angus implementation) from {@code DEFAULT_FROM_EMAIL} to
 * {@code ADMIN_EMAIL}: the one way to hear that Telegram itself is failing.
 */
public final class EmailAlertChannel implements AlertChannel {
  private static final Logger log = LoggerFactory.getLogger(EmailAlertChannel.class);
  private static final String TIMEOUT_MILLIS = "10000";

  private final Smtp smtp;
  private final Session session;

  public EmailAlertChannel(Smtp smtp) {
    this.smtp = smtp;
    Properties p = new Properties();
    String protocol = smtp.ssl() ? "smtps" : "smtp";
    p.put("mail.transport.protocol", protocol);
    p.put("mail." + protocol + ".host", smtp.host());
    p.put("mail." + protocol + ".port", Integer.toString(smtp.port()));
    p.put("mail." + protocol + ".connectiontimeout", TIMEOUT_MILLIS);
    p.put("mail." + protocol + ".timeout", TIMEOUT_MILLIS);
    p.put("mail." + protocol + ".writetimeout", TIMEOUT_MILLIS);
    p.put("mail." + protocol + ".auth", Boolean.toString(smtp.username() != null));
    if (smtp.startTls()) {
      p.put("mail.smtp.starttls.enable", "true");
      p.put("mail.smtp.starttls.required", "true");
    }
    if (smtp.ssl() || smtp.startTls()) {
      p.put("mail." + protocol + ".ssl.checkserveridentity", "true");
    }
    Authenticator auth = smtp.username() == null ? null : new Authenticator() {
      @Override
      protected PasswordAuthentication getPasswordAuthentication() {
        return new PasswordAuthentication(smtp.username(), smtp.password() == null ? "" : smtp.password());
      }
    };
    this.session = Session.getInstance(p, auth);
  }

  @Override
  public boolean send(Alert alert) {
    try {
      MimeMessage message = new MimeMessage(session);
      message.setFrom(new InternetAddress(smtp.from()));
      for (String to : smtp.to()) {
        message.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
      }
      message.setSubject(alert.title(), StandardCharsets.UTF_8.name());
      message.setText(alert.body(), StandardCharsets.UTF_8.name());
      message.setSentDate(new Date());
      Transport.send(message);
      return true;
    } catch (MessagingException | RuntimeException e) {
      log.warn("alert '{}' not e-mailed via {}: {}", alert.title(), smtp, e.toString());
      return false;
    }
  }

  @Override
  public String describe() {
    return "e-mail " + smtp;
  }
}
