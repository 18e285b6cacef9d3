package dev.jahiz.logback;

import dev.jahiz.config.JahizSettings;
import dev.jahiz.logging.EventMapping;
import java.util.List;

/**
 * The {@code logback.xml} elements of {@link JahizAppender}, applied to jahiz-core's builders once
 * the appender starts. The appender only records them as text, so that it loads on any Java.
 */
final class LogbackOptions {
  private LogbackOptions() {}

  /** Applies one element; a value that cannot work joins {@code problems}, naming the element. */
  static void apply(String name, String value, JahizSettings.Builder settings, EventMapping.Builder mapping,
      List<String> problems) {
    switch (name) {
      case "botToken":
        settings.botToken(value);
        break;
      case "chatId":
        settings.chatId(value);
        break;
      case "messageThreadId":
        settings.messageThreadId(value);
        break;
      case "telegramApiUrl":
        settings.telegramApiUrl(value);
        break;
      case "proxy":
        settings.proxy(value);
        break;
      case "silentBelow":
        settings.silentBelow(value);
        break;
      case "sendFullTraceAsDocument":
        settings.sendFullTraceAsDocument(value);
        break;
      case "receiverUrl":
        settings.receiverUrl(value);
        break;
      case "webhookSecret":
        settings.webhookSecret(value);
        break;
      case "appName":
        settings.appName(value);
        break;
      case "appVersion":
        settings.appVersion(value);
        break;
      case "environment":
        settings.environment(value);
        break;
      case "serviceName":
        settings.serviceName(value);
        break;
      case "tag":
        settings.tag(value);
        break;
      case "ignore":
        settings.ignore(value);
        break;
      case "queueCapacity":
        settings.queueCapacity(value);
        break;
      case "queueBytes":
        settings.queueBytes(value);
        break;
      case "groupingWindow":
        settings.groupingWindow(value);
        break;
      case "closeTimeout":
        settings.closeTimeout(value);
        break;
      case "maxAttempts":
        settings.maxAttempts(value);
        break;
      case "maxMessagesPerMinute":
        settings.maxMessagesPerMinute(value);
        break;
      case "deviceInfo":
        settings.deviceInfo(value);
        break;
      case "applicationPackages":
        settings.applicationPackages(value);
        break;
      case "spool":
        settings.spool(value);
        break;
      case "spoolDir":
        settings.spoolDir(value);
        break;
      case "spoolBytes":
        settings.spoolBytes(value);
        break;
      case "userIdKey":
        mapping.userIdKey(value);
        break;
      case "usernameKey":
        mapping.usernameKey(value);
        break;
      case "emailKey":
        mapping.emailKey(value);
        break;
      case "sessionIdKey":
        mapping.sessionIdKey(value);
        break;
      case "ipAddressKey":
        mapping.ipAddressKey(value);
        break;
      case "requestUrlKey":
        mapping.requestUrlKey(value);
        break;
      case "requestMethodKey":
        mapping.requestMethodKey(value);
        break;
      case "responseStatusKey":
        mapping.responseStatusKey(value);
        break;
      case "mdcTag":
        mapping.addTagKey(value);
        break;
      case "otherMdcToMetadata":
        mapping.otherMdcToMetadata(JahizSettings.flag(value, true, name, problems));
        break;
      default:
        throw new IllegalArgumentException("no such option: " + name);
    }
  }
}
