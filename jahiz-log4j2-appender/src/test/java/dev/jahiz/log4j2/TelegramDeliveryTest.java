package dev.jahiz.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jahiz.client.Counters;
import dev.jahiz.testing.BotApiHtml;
import dev.jahiz.testing.FakeBotApi;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Straight to a (fake) Bot API: valid HTML, the configured chat and topic, nothing that loops back. */
class TelegramDeliveryTest {
  @RegisterExtension @Order(1) final BotApiFixture bot = new BotApiFixture();
  @RegisterExtension @Order(2) final Log4jContexts log4j = new Log4jContexts();
  @RegisterExtension @Order(3) final StatusCapture status = StatusCapture.start();
  private final FakeBotApi api = bot.api;

  @Test
  void anErrorArrivesAsValidHtmlInTheConfiguredChatAndTopic() {
    LoggerContext context = log4j.start("log4j2-telegram.xml");
    Logger log = context.getLogger("com.shop.checkout.PaymentService");
    ThreadContext.put("request_url", "/api/orders?id=<1042>&retry=1");

    log.error("card <declined> & refund \"pending\"", new IllegalStateException("gateway said no"));

    await().until(() -> api.messages().size() == 1);
    JsonNode message = api.messages().get(0);
    assertThat(message.path("chat_id").asText()).isEqualTo("-1001234567890");
    assertThat(message.path("message_thread_id").asLong()).isEqualTo(42);
    assertThat(message.path("parse_mode").asText()).isEqualTo("HTML");
    String html = message.path("text").asText();
    assertThat(BotApiHtml.problems(html)).isEmpty();
    assertThat(BotApiHtml.visible(html)).contains(
        "shop", "staging", "java.lang.IllegalStateException", "card <declined> & refund \"pending\"",
        "/api/orders?id=<1042>&retry=1", "PaymentService");
  }

  @Test
  void ignoreRulesKeepMatchingEventsOutAndCountThem() {
    LoggerContext context = log4j.start("log4j2-ignore.xml");
    JahizAppender appender = Log4jContexts.jahiz(context, "jahiz");

    context.getLogger("com.acme.Webhooks").error("Test webhook error");
    context.getLogger("com.acme.Sync").error("sync failed", new IllegalStateException(
        new java.io.UncheckedIOException(new java.net.ConnectException("refused"))));
    context.getLogger("com.acme.legacy.Importer").error("old importer broke");
    context.getLogger("com.acme.Payments").error("payment declined");

    await().until(() -> JahizCounters.of(appender).filtered() == 3 && api.messages().size() == 1);
    assertThat(BotApiHtml.visible(api.texts().get(0))).contains("payment declined");
    assertThat(JahizCounters.of(appender).accepted()).isEqualTo(4);
  }

  @Test
  void eventsFromJahizOkHttpAndJahizThreadsAreNeverReported() throws Exception {
    LoggerContext context = log4j.start("log4j2-telegram.xml");
    JahizAppender appender = Log4jContexts.jahiz(context, "jahiz");

    context.getLogger("dev.jahiz.client.Sender").error("delivery failed");
    context.getLogger("okhttp3.OkHttpClient").error("A connection was leaked");
    context.getLogger("okio.Okio").error("broken pipe");
    context.getLogger("oshi.util.FileUtil").error("could not read /proc/stat");
    ExecutorService jahizNamed = Executors.newSingleThreadExecutor(r -> new Thread(r, "jahiz-encoder-lookalike"));
    try {
      CompletableFuture.runAsync(() -> context.getLogger("com.shop.Any").error("from a Jahiz thread"), jahizNamed).get();
    } finally {
      jahizNamed.shutdown();
    }

    // Counted on the calling thread, so zero now means never queued.
    Counters counters = JahizCounters.of(appender);
    assertThat(counters.accepted()).isZero();
    assertThat(counters.dropped()).isZero();

    context.getLogger("com.shop.Any").error("from the application");
    await().until(() -> api.messages().size() == 1);
    assertThat(BotApiHtml.visible(api.texts().get(0))).contains("from the application");
  }

  @Test
  void theBotTokenNeverAppearsInStatusOutputOrToString() {
    api.thenAnswer(FakeBotApi.json(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}"));
    LoggerContext context = log4j.start("log4j2-telegram.xml");
    JahizAppender appender = Log4jContexts.jahiz(context, "jahiz");

    context.getLogger("com.shop.Any").error("rejected by Telegram");
    await().until(() -> status.warnings().stream().anyMatch(s -> s.contains("chat not found")));
    context.stop();

    assertThat(status.all()).isNotEmpty().noneMatch(s -> s.contains(FakeBotApi.TOKEN));
    assertThat(appender.toString()).doesNotContain(FakeBotApi.TOKEN);
    assertThat(status.all()).anyMatch(s -> s.contains("Jahiz appender 'jahiz'"));
  }

  @Test
  void startingAStartedAppenderAgainKeepsOneClient() {
    JahizAppender appender = JahizAppender.newBuilder().setName("twice").option("botToken", FakeBotApi.TOKEN)
        .option("chatId", "-1001234567890").option("telegramApiUrl", api.url()).build();
    appender.start();
    appender.start();

    appender.append(Log4jLogEvent.newBuilder().setLevel(Level.ERROR).setLoggerName("com.shop.Any")
        .setMessage(new SimpleMessage("started twice")).build());
    await().until(() -> api.messages().size() == 1);
    appender.stop();

    assertThat(JahizCounters.of(appender).accepted()).isEqualTo(1);
    await().until(() -> Thread.getAllStackTraces().keySet().stream()
        .noneMatch(t -> t.isAlive() && t.getName().startsWith("jahiz-preparer")));
  }
}
