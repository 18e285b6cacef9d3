package com.example.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jahiz.testing.BotApiHtml;
import dev.jahiz.testing.FakeBotApi;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar, run the way the README says, against a fake Bot API: proves the plugin cache
 * survived shading, the environment variables are read, and a storm is grouped.
 */
class OrdersAppIT {
  private final FakeBotApi api = new FakeBotApi();

  @AfterEach
  void stop() {
    api.close();
  }

  private Process run(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", System.getProperty("sample.jar")));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(File.createTempFile("log4j2-sample", ".log"));
    Map<String, String> env = builder.environment();
    env.remove("JAHIZ_RECEIVER_URL");
    env.remove("WEBHOOK_SECRET");
    env.put("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN);
    env.put("TELEGRAM_CHAT_ID", "4242");
    env.put("JAHIZ_TELEGRAM_API_URL", api.url());
    return builder.start();
  }

  @Test
  void realisticFailuresArriveAsValidMessages() throws Exception {
    Process process = run();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();

    List<String> texts = api.texts();
    for (String html : texts) {
      assertThat(BotApiHtml.problems(html)).as(html).isEmpty();
    }
    List<String> visible = texts.stream().map(BotApiHtml::visible).collect(java.util.stream.Collectors.toList());
    assertThat(visible).hasSize(3);
    assertThat(visible.get(0)).contains("Checkout of order ord_67890 failed", "java.lang.IllegalStateException",
        "usr_12345", "POST https://shop.example.com/checkout", "500", "Caused by: java.io.UncheckedIOException",
        "Caused by: java.net.SocketTimeoutException", "orders", "#team_checkout");
    assertThat(visible.get(1)).contains("Refund rejected by the card issuer", "ord_55120", "49.90", "EUR");
    assertThat(visible.get(2)).contains("CRITICAL", "Ledger out of balance");
    assertThat(String.join("\n", visible)).doesNotContain("Inventory sync is slow");
    System.out.println("log4j2-sample: " + texts.size() + " messages for the realistic failures");
  }

  @Test
  void aStormOfTenThousandErrorsOverThreeFailuresIsAFewMessagesEach() throws Exception {
    Process process = run("--errors", "10000", "--distinct", "3");
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();

    List<String> visible = new ArrayList<>();
    for (String html : api.texts()) {
      assertThat(BotApiHtml.problems(html)).as(html).isEmpty();
      visible.add(BotApiHtml.visible(html));
    }
    StringBuilder figures = new StringBuilder("log4j2-sample storm: " + visible.size() + " messages;");
    for (String failure : List.of("java.sql.SQLException", "java.net.SocketTimeoutException", "java.lang.IllegalStateException")) {
      long messages = visible.stream().filter(v -> v.contains(failure)).count();
      figures.append(' ').append(failure).append('=').append(messages);
      assertThat(messages).as(failure).isBetween(1L, 3L);
    }
    assertThat(visible).anyMatch(v -> v.contains("Repeated"));
    System.out.println(figures);
  }
}
