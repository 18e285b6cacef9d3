package dev.jahiz.client;

import dev.jahiz.telegram.TelegramTransport;
import dev.jahiz.testing.FakeBotApi;
import java.util.List;

/** A client to a fake Bot API whose status lines, the transport's included, land in one list. */
final class TestClients {
  private TestClients() {}

  static JahizClient.Builder telegram(FakeBotApi api, String chat, List<String> status) {
    TelegramTransport transport = TelegramTransport.builder().botToken(FakeBotApi.TOKEN).chatId(chat)
        .apiBaseUrl(api.url()).status((level, message, cause) -> status.add(message)).build();
    return JahizClient.builder(transport).status((level, message, cause) -> status.add(level + " " + message));
  }
}
