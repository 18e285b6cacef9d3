package dev.jahiz.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the appenders get from {@link CallerContexts#addTo} for a reported event. */
class CallerContextsTest {
  @Test
  void withNothingRegisteredTheEventsMdcComesBackAsItIs() {
    Map<String, String> mdc = Map.of("request_url", "/a");

    assertThat(CallerContexts.addTo(mdc, null)).isSameAs(mdc);
  }

  @Test
  void entriesJoinTheMdcWhereItHasNoneAndBlankOnesAreSkipped() {
    IllegalStateException failure = new IllegalStateException("x");
    Throwable[] seen = new Throwable[1];
    try (CallerContexts.Registration ignored = CallerContexts.register((thrown, entries) -> {
      seen[0] = thrown;
      entries.accept("request_url", "https://shop.example/orders/7");
      entries.accept("username", "alice");
      entries.accept("email", " ");
      entries.accept(null, "no key");
      entries.accept("session_id", null);
    })) {
      Map<String, String> mdc = Map.of("username", "set-by-the-app");

      assertThat(CallerContexts.addTo(mdc, failure)).containsExactly(
          Map.entry("username", "set-by-the-app"), Map.entry("request_url", "https://shop.example/orders/7"));
      assertThat(mdc).containsOnlyKeys("username");
      assertThat(seen[0]).isSameAs(failure);
      assertThat(CallerContexts.addTo(null, null)).containsOnlyKeys("request_url", "username");
    }
    assertThat(CallerContexts.addTo(Map.of(), null)).isEmpty();
  }

  @Test
  void theFirstRegisteredContextWinsAKeyAndEachIsAskedUntilItsRegistrationCloses() {
    CallerContexts.Registration first = CallerContexts.register((t, entries) -> entries.accept("request_method", "GET"));
    CallerContexts.Registration second = CallerContexts.register((t, entries) -> {
      entries.accept("request_method", "POST");
      entries.accept("http.route", "/orders/{id}");
    });
    try {
      assertThat(CallerContexts.addTo(Map.of(), null))
          .containsExactly(Map.entry("request_method", "GET"), Map.entry("http.route", "/orders/{id}"));
      first.close();
      first.close();
      assertThat(CallerContexts.addTo(Map.of(), null)).containsEntry("request_method", "POST");
    } finally {
      second.close();
    }
    assertThat(CallerContexts.addTo(Map.of(), null)).isEmpty();
  }

  @Test
  void aContextThatThrowsIsContainedAndNamedInTheEntriesButTheJvmsFatalErrorsAreNot() {
    try (CallerContexts.Registration ignored = CallerContexts.register((t, entries) -> {
      entries.accept("request_method", "GET");
      throw new NoClassDefFoundError("org/springframework/web/context/request/RequestContextHolder");
    })) {
      assertThat(CallerContexts.addTo(Map.of(), null)).containsEntry("request_method", "GET")
          .hasEntrySatisfying(CallerContexts.ERROR_KEY, v -> assertThat(v).endsWith("failed: java.lang.NoClassDefFoundError"));
    }
    try (CallerContexts.Registration ignored = CallerContexts.register((t, entries) -> {
      throw new OutOfMemoryError("Java heap space");
    })) {
      assertThatThrownBy(() -> CallerContexts.addTo(Map.of(), null)).isInstanceOf(OutOfMemoryError.class);
    }
  }
}
