package dev.jahiz.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jahiz.report.ErrorReport;
import dev.jahiz.report.ReportJson;
import dev.jahiz.report.ThrowableDetails;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Classification of real exception chains, live and as text: the JDK's own failures (a refused
 * connection, a timed-out wait, a bad number) wrapped the way applications wrap them, library-style
 * subclasses, and the Python and JavaScript names the seed's client and Sentry send.
 */
class ErrorClassifierTest {

  /** A library's exception the classifier has never heard of, known only through its superclass. */
  static final class PaymentAmountRejected extends IllegalArgumentException {
    PaymentAmountRejected(String message) {
      super(message);
    }
  }

  /** How HTTP client libraries name a 429 (Spring's HttpClientErrorException.TooManyRequests and others). */
  static final class TooManyRequests extends IOException {
    TooManyRequests(String message) {
      super(message);
    }
  }

  static final class OrderFailed extends RuntimeException {
    OrderFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static Throwable refusedConnection() {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      throw new AssertionError("connected to a closed port");
    } catch (IOException refused) {
      return refused;
    }
  }

  @Test
  void aRefusedConnectionWrappedByTheAppIsAConnectionError() {
    Throwable refused = refusedConnection();
    Throwable wrapped = new OrderFailed("could not reserve stock", new UncheckedIOException((IOException) refused));

    assertThat(refused).isInstanceOf(java.net.ConnectException.class);
    assertThat(ErrorClassifier.classify(wrapped)).isEqualTo(ErrorClass.CONNECTION_ERROR);
  }

  @Test
  void aTimedOutWaitIsATimeoutErrorThroughExecutionException() throws Exception {
    Throwable timeout;
    try {
      new CompletableFuture<String>().get(1, TimeUnit.MILLISECONDS);
      throw new AssertionError("no timeout");
    } catch (TimeoutException e) {
      timeout = e;
    }
    Throwable wrapped = new ExecutionException("price lookup", timeout);

    assertThat(ErrorClassifier.classify(wrapped)).isEqualTo(ErrorClass.TIMEOUT_ERROR);
  }

  @Test
  void aPlainIOExceptionIsClassifiedByWhatTheSocketSaid() {
    assertThat(ErrorClassifier.classify(new IOException("Connection reset by peer")))
        .isEqualTo(ErrorClass.CONNECTION_ERROR);
    assertThat(ErrorClassifier.classify(new UncheckedIOException(new IOException("Broken pipe"))))
        .isEqualTo(ErrorClass.CONNECTION_ERROR);
    assertThat(ErrorClassifier.classify(new IOException("unexpected end of stream on http://api.example/...")))
        .isEqualTo(ErrorClass.CONNECTION_ERROR);
    assertThat(ErrorClassifier.classify(new IOException("Read timed out"))).isEqualTo(ErrorClass.TIMEOUT_ERROR);
    assertThat(ErrorClassifier.classify(new IOException("Disk quota exceeded"))).isEqualTo(ErrorClass.UNKNOWN_ERROR);
  }

  @Test
  void subclassesCountAsTheirJdkSuperclass() {
    Throwable badNumber;
    try {
      Integer.parseInt("12a");
      throw new AssertionError();
    } catch (NumberFormatException e) {
      badNumber = e;
    }

    assertThat(ErrorClassifier.classify(badNumber)).isEqualTo(ErrorClass.VALIDATION_ERROR);
    assertThat(ErrorClassifier.classify(new PaymentAmountRejected("amount must be positive")))
        .isEqualTo(ErrorClass.VALIDATION_ERROR);
    assertThat(ErrorClassifier.classify(new OrderFailed("refund", new java.security.AccessControlException("no"))))
        .isEqualTo(ErrorClass.PERMISSION_ERROR);
    assertThat(ErrorClassifier.classify(new OrderFailed("quote", new TooManyRequests("429 from rates API"))))
        .isEqualTo(ErrorClass.RATE_LIMITED);
  }

  @Test
  void theOutermostTypeThatSaysWhatHappenedDecides() {
    Throwable timeoutAroundConnection =
        new java.net.SocketTimeoutException("connect timed out");
    timeoutAroundConnection.initCause(new java.net.ConnectException("refused"));

    assertThat(ErrorClassifier.classify(timeoutAroundConnection)).isEqualTo(ErrorClass.TIMEOUT_ERROR);
    assertThat(ErrorClassifier.classify(new IllegalStateException("inventory out of sync")))
        .isEqualTo(ErrorClass.UNKNOWN_ERROR);
    assertThat(ErrorClassifier.classify((Throwable) null)).isEqualTo(ErrorClass.UNKNOWN_ERROR);
  }

  @Test
  void aCyclicOrBrokenChainIsClassifiedFromWhatCanBeRead() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);
    Throwable broken = new RuntimeException("outer") {
      @Override
      public synchronized Throwable getCause() {
        throw new IllegalStateException("cause unreadable");
      }
    };

    assertThat(ErrorClassifier.classify(a)).isEqualTo(ErrorClass.UNKNOWN_ERROR);
    assertThat(ErrorClassifier.classify(broken)).isEqualTo(ErrorClass.UNKNOWN_ERROR);
  }

  @Test
  void pythonNamesOfTheSeedAndItsLibraries() {
    assertThat(ErrorClassifier.ofTypeName("ValueError")).isEqualTo(ErrorClass.VALIDATION_ERROR);
    assertThat(ErrorClassifier.ofTypeName("json.decoder.JSONDecodeError")).isEqualTo(ErrorClass.VALIDATION_ERROR);
    assertThat(ErrorClassifier.ofTypeName("pydantic_core._pydantic_core.ValidationError"))
        .isEqualTo(ErrorClass.VALIDATION_ERROR);
    assertThat(ErrorClassifier.ofTypeName("ConnectionRefusedError")).isEqualTo(ErrorClass.CONNECTION_ERROR);
    assertThat(ErrorClassifier.ofTypeName("requests.exceptions.ConnectionError"))
        .isEqualTo(ErrorClass.CONNECTION_ERROR);
    assertThat(ErrorClassifier.ofTypeName("BrokenPipeError")).isEqualTo(ErrorClass.CONNECTION_ERROR);
    assertThat(ErrorClassifier.ofTypeName("TimeoutError")).isEqualTo(ErrorClass.TIMEOUT_ERROR);
    assertThat(ErrorClassifier.ofTypeName("socket.timeout")).isEqualTo(ErrorClass.TIMEOUT_ERROR);
    assertThat(ErrorClassifier.ofTypeName("requests.exceptions.ReadTimeout")).isEqualTo(ErrorClass.TIMEOUT_ERROR);
    assertThat(ErrorClassifier.ofTypeName("PermissionError")).isEqualTo(ErrorClass.PERMISSION_ERROR);
    assertThat(ErrorClassifier.ofTypeName("django.core.exceptions.PermissionDenied"))
        .isEqualTo(ErrorClass.PERMISSION_ERROR);
    assertThat(ErrorClassifier.ofTypeName("openai.RateLimitError")).isEqualTo(ErrorClass.RATE_LIMITED);
    assertThat(ErrorClassifier.ofTypeName("ZeroDivisionError")).isEqualTo(ErrorClass.UNKNOWN_ERROR);
  }

  @Test
  void aPythonTracebackIsClassifiedByItsCauseWhenTheOuterExceptionSaysNothing() {
    ErrorReport report = ErrorReport.builder()
        .errorType("ServiceError")
        .errorMessage("upstream down")
        .stacktrace("Traceback (most recent call last):\n"
            + "  File \"/app/clients.py\", line 31, in fetch\n"
            + "    sock.connect(address)\n"
            + "ConnectionRefusedError: [Errno 111] Connection refused\n"
            + "\n"
            + "The above exception was the direct cause of the following exception:\n"
            + "\n"
            + "Traceback (most recent call last):\n"
            + "  File \"/app/handlers.py\", line 12, in handle\n"
            + "    raise ServiceError(\"upstream down\") from e\n"
            + "app.errors.ServiceError: upstream down\n")
        .build();

    assertThat(ErrorClassifier.typeNamesIn(report.stacktrace()))
        .containsExactly("app.errors.ServiceError", "ConnectionRefusedError");
    assertThat(ErrorClassifier.classify(report)).isEqualTo(ErrorClass.CONNECTION_ERROR);
  }

  @Test
  void aJavaTraceSentAsTextGetsTheClassItsLiveExceptionGets() {
    Throwable live = new OrderFailed("could not reserve stock", refusedConnection());
    ErrorReport asText = ErrorReport.builder()
        .errorType(OrderFailed.class.getName())
        .errorMessage("could not reserve stock")
        .stacktrace(ThrowableDetails.stackTraceOf(live))
        .build();

    assertThat(ErrorClassifier.classify(asText)).isEqualTo(ErrorClassifier.classify(live))
        .isEqualTo(ErrorClass.CONNECTION_ERROR);
  }

  @Test
  void javascriptNamesAndNodeErrorCodes() {
    assertThat(ErrorClassifier.classify(List.of("ReferenceError"), "heck is not defined"))
        .isEqualTo(ErrorClass.UNKNOWN_ERROR);
    assertThat(ErrorClassifier.classify(List.of("Error"), "connect ECONNREFUSED 127.0.0.1:5432"))
        .isEqualTo(ErrorClass.CONNECTION_ERROR);
    assertThat(ErrorClassifier.classify(List.of("Error"), "read ETIMEDOUT"))
        .isEqualTo(ErrorClass.TIMEOUT_ERROR);
    assertThat(ErrorClassifier.classify(List.of("Error"), "EACCES: permission denied, open '/etc/app.key'"))
        .isEqualTo(ErrorClass.PERMISSION_ERROR);
    assertThat(ErrorClassifier.classify(List.of("AxiosError"), "Request failed: 429 Too Many Requests"))
        .isEqualTo(ErrorClass.RATE_LIMITED);
    assertThat(ErrorClassifier.classify(List.of("TimeoutError"), "signal timed out"))
        .isEqualTo(ErrorClass.TIMEOUT_ERROR);
  }

  @Test
  void theClassTravelsInTheReportJsonAndAnUnknownOneIsReadAsAbsent() throws Exception {
    ErrorReport report = ErrorReport.builder().errorMessage("slow").errorClass(ErrorClass.TIMEOUT_ERROR).build();

    String json = ReportJson.toJsonString(report);

    assertThat(json).contains("\"error_class\":\"timeout_error\"");
    assertThat(ReportJson.parse(json).errorClass()).isEqualTo(ErrorClass.TIMEOUT_ERROR);
    assertThat(ReportJson.parse("{\"error_message\":\"x\",\"error_class\":\"quota_error\"}").errorClass()).isNull();
  }
}
