package dev.jahiz.log4j2;

import dev.jahiz.testing.FakeBotApi;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A fake Bot API for one test, announced to the Telegram test configs through system properties. */
final class BotApiFixture implements BeforeEachCallback, AfterEachCallback {
  final FakeBotApi api = new FakeBotApi();

  @Override
  public void beforeEach(ExtensionContext context) {
    System.setProperty("jahiz.test.api", api.url());
    System.setProperty("jahiz.test.token", FakeBotApi.TOKEN);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    api.close();
  }
}
