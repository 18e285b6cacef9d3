package dev.jahiz.telegram;

import static dev.jahiz.testing.FakeBotApi.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jahiz.delivery.DeliveryOutcome;
import dev.jahiz.report.ErrorReport;
import dev.jahiz.testing.FakeBotApi;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the transport copes with connections and chats that change under it. */
class TelegramConnectionTest {
  private final FakeBotApi api = new FakeBotApi();
  private final List<String> status = new CopyOnWriteArrayList<>();
  private final TelegramTransport transport = TelegramTransport.builder().botToken(TOKEN).chatId("-100111")
      .apiBaseUrl(api.url()).status((level, message, cause) -> status.add(message)).build();

  @AfterEach
  void close() {
    transport.close();
    api.close();
  }

  private static MockResponse okThenCloseTheConnection() {
    return new MockResponse.Builder(FakeBotApi.json(200, "{\"ok\":true,\"result\":{\"message_id\":1}}"))
        .onResponseEnd(new SocketEffect.CloseSocket(true, false, false)).build();
  }

  @Test
  void aPooledConnectionTheServerClosedWhileIdleIsReplacedNotCountedAsAFailure() {
    api.thenAnswer(okThenCloseTheConnection());
    assertThat(transport.deliver(ErrorReport.of("first")).isDelivered()).isTrue();

    DeliveryOutcome second = transport.deliver(ErrorReport.of("second, on the connection the server closed"));

    assertThat(second.isDelivered()).as(second.toString()).isTrue();
    assertThat(api.texts()).anyMatch(t -> t.contains("second, on the connection the server closed"));
  }

  @Test
  void aRequestTheServerReadBeforeItWentAwayIsNotResentBehindThePipelinesBack() {
    api.thenAnswer(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket(true, false, false)).build());

    DeliveryOutcome outcome = transport.deliver(ErrorReport.of("maybe received"));

    assertThat(outcome.kind()).isEqualTo(DeliveryOutcome.Kind.RETRYABLE);
    assertThat(api.calls()).isEqualTo(1);
  }

  @Test
  void aChatThatKeepsMovingIsNotFollowedWithoutEnd() {
    MockResponse[] moves = new MockResponse[10];
    for (int i = 0; i < moves.length; i++) {
      moves[i] = FakeBotApi.json(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: group chat was "
          + "upgraded to a supergroup chat\",\"parameters\":{\"migrate_to_chat_id\":-100" + (200 + i) + "}}");
    }
    api.thenAnswer(moves);

    DeliveryOutcome outcome = transport.deliver(ErrorReport.of("moving target"));

    assertThat(outcome.kind()).isEqualTo(DeliveryOutcome.Kind.REJECTED);
    assertThat(outcome.reason()).contains("not followed further");
    assertThat(api.calls()).isEqualTo(TelegramTransport.MAX_MIGRATIONS + 1);
  }
}
