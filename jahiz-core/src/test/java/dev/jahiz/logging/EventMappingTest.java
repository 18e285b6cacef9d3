package dev.jahiz.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jahiz.report.ErrorReport;
import dev.jahiz.report.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventMappingTest {
  @Test
  void levelsAndMarkersMapToSeverities() {
    assertThat(EventMapping.severityOf("ERROR", List.of())).isEqualTo(Severity.ERROR);
    assertThat(EventMapping.severityOf("WARN", null)).isEqualTo(Severity.WARNING);
    assertThat(EventMapping.severityOf("INFO", List.of())).isEqualTo(Severity.INFO);
    assertThat(EventMapping.severityOf("FATAL", List.of())).isEqualTo(Severity.CRITICAL);
    assertThat(EventMapping.severityOf("ERROR", List.of("PAYMENT", "critical"))).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void mdcGoesToUserRequestTagsAndMetadata() {
    EventMapping mapping = EventMapping.builder().addTagKey("tenant").build();
    ErrorReport r = mapping.map("ERROR", List.of("PAYMENT"), "charge failed", "com.acme.shop.PaymentService", "http-1",
            Map.of("user_id", "usr_1", "request_url", "https://shop/pay", "request_method", "POST",
                "response_status", "502", "tenant", "acme", "trace_id", "abc"),
            Map.of("order_id", "ord_9", "amount", 12.5), 1_700_000_000_000L)
        .build();

    assertThat(r.severity()).isEqualTo(Severity.ERROR);
    assertThat(r.errorMessage()).isEqualTo("charge failed");
    assertThat(r.component()).isEqualTo("PaymentService");
    assertThat(r.logger()).isEqualTo("com.acme.shop.PaymentService");
    assertThat(r.thread()).isEqualTo("http-1");
    assertThat(r.user().userId()).isEqualTo("usr_1");
    assertThat(r.context().requestUrl()).isEqualTo("https://shop/pay");
    assertThat(r.context().requestMethod()).isEqualTo("POST");
    assertThat(r.context().responseStatus()).isEqualTo(502);
    assertThat(r.tags()).containsEntry("tenant", "acme").containsEntry("PAYMENT", "");
    assertThat(r.metadata()).containsEntry("trace_id", "abc").containsEntry("order_id", "ord_9")
        .containsEntry("amount", 12.5).doesNotContainKey("user_id");
  }

  @Test
  void configurableKeyNamesAndNoStrayObjects() {
    EventMapping mapping = EventMapping.builder().userIdKey("uid").otherMdcToMetadata(false).build();
    ErrorReport r = mapping.map("ERROR", null, " ", "root", "main", Map.of("uid", "7", "x", "y"), null, 0).build();
    assertThat(r.user().userId()).isEqualTo("7");
    assertThat(r.context()).isNull();
    assertThat(r.metadata()).isEmpty();
    assertThat(r.errorMessage()).isEqualTo("(no message)");
  }
}
