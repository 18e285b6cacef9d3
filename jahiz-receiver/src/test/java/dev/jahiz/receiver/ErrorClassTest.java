package dev.jahiz.receiver;

import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import dev.jahiz.receiver.testing.TestStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jahiz.receiver.testing.Reports;
import dev.jahiz.receiver.testing.RunningReceiver;
import dev.jahiz.testing.BotApiHtml;
import dev.jahiz.testing.FakeBotApi;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every stored report has an error class: the client's, or decided by the receiver from the names a
 * seed client's report carries. It is a hashtag in the chat, a filter of {@code /errors} and
 * {@code /groups}, and a label on {@code /metrics}.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestStore.class)
class ErrorClassTest {
  @Parameter TestStore store;
  @TempDir Path dir;
  private final FakeBotApi bot = new FakeBotApi();
  private RunningReceiver receiver;

  @AfterEach
  void stop() {
    if (receiver != null) {
      receiver.close();
    }
    bot.close();
  }

  private static final String PYTHON_TRACE = "Traceback (most recent call last):\n"
      + "  File \"/app/clients.py\", line 31, in fetch\n"
      + "    sock.connect(address)\n"
      + "ConnectionRefusedError: [Errno 111] Connection refused\n"
      + "\n"
      + "The above exception was the direct cause of the following exception:\n"
      + "\n"
      + "Traceback (most recent call last):\n"
      + "  File \"/app/handlers.py\", line 12, in handle\n"
      + "    raise ServiceError(\"upstream down\") from e\n"
      + "ServiceError: upstream down\n";

  @Test
  void seedClientReportsAreClassifiedFromTheirNamesAndCanBeFilteredByClass() {
    receiver = RunningReceiver.in(dir, store).botApi(bot.url()).start();

    assertThat(receiver.postSigned("/webhook/error", Reports.body("error_message", "upstream down",
        "error_type", "ServiceError", "stacktrace", PYTHON_TRACE, "app_name", "billing")).status()).isEqualTo(200);
    assertThat(receiver.postSigned("/webhook/error", Reports.body("error_message", "invalid literal for int()",
        "error_type", "ValueError", "app_name", "billing")).status()).isEqualTo(200);
    assertThat(receiver.postSigned("/webhook/error", Reports.body("error_message", "stock sync",
        "error_type", "java.lang.IllegalStateException", "error_class", "timeout_error", "app_name", "shop"))
        .status()).isEqualTo(200);
    assertThat(receiver.postSigned("/webhook/error", Reports.body("error_message", "division by zero",
        "error_type", "ZeroDivisionError", "app_name", "billing")).status()).isEqualTo(200);

    JsonNode connection = receiver.errors("error_class=connection_error");
    assertThat(connection.path("total").asLong()).isEqualTo(1);
    assertThat(connection.path("data").get(0).path("error_message").asText()).isEqualTo("upstream down");
    assertThat(connection.path("data").get(0).path("error_class").asText()).isEqualTo("connection_error");
    assertThat(receiver.errors("error_class=validation_error").path("data").get(0).path("error_type").asText())
        .isEqualTo("ValueError");
    assertThat(receiver.errors("error_class=TIMEOUT_ERROR").path("data").get(0).path("app_name").asText())
        .as("the client's own class is kept").isEqualTo("shop");
    assertThat(receiver.errors("error_class=unknown_error").path("total").asLong()).isEqualTo(1);

    JsonNode groups = receiver.get("/groups?error_class=validation_error").json();
    assertThat(groups.path("total").asLong()).isEqualTo(1);
    assertThat(groups.path("data").get(0).path("error_class").asText()).isEqualTo("validation_error");
    assertThat(receiver.get("/groups").json().path("total").asLong()).isEqualTo(4);

    assertThat(receiver.get("/errors?error_class=quota").status()).isEqualTo(400);
    assertThat(receiver.get("/groups?error_class=quota").json().path("details").get(0).path("field").asText())
        .isEqualTo("error_class");

    assertThat(receiver.getAnonymous("/metrics").body())
        .contains("jahiz_reports_classified_total{error_class=\"connection_error\"} 1.0",
            "jahiz_reports_classified_total{error_class=\"validation_error\"} 1.0",
            "jahiz_reports_classified_total{error_class=\"rate_limited\"} 0.0");
  }

  @Test
  void theClassIsAHashtagOfTheDeliveredMessage() {
    receiver = RunningReceiver.in(dir, store).botApi(bot.url()).start();

    receiver.postSigned("/webhook/error", Reports.body("error_message", "upstream down", "error_type", "ServiceError",
        "stacktrace", PYTHON_TRACE));

    await().until(() -> !bot.texts().isEmpty());
    List<String> texts = new ArrayList<>();
    bot.texts().forEach(t -> texts.add(BotApiHtml.visible(t)));
    assertThat(texts).singleElement().asString().contains("#connection_error");
  }
}
