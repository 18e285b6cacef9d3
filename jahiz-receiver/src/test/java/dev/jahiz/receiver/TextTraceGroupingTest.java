package dev.jahiz.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jahiz.receiver.testing.Reports;
import dev.jahiz.receiver.testing.RunningReceiver;
import dev.jahiz.testing.TraceFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports that arrive with a text trace and no fingerprint (any client in any language) are grouped
 * by the fingerprint the receiver computes, with the same frame rules as the Java client: one
 * failure captured before and after reflection inflation and on two JDKs is one group.
 */
class TextTraceGroupingTest {
  @TempDir Path dir;

  @Test
  void oneFailureSentAsTextBeforeAndAfterInflationAndOnTwoJdksIsOneGroup() {
    List<Map<String, Object>> reports = new ArrayList<>();
    for (String capture : List.of("jdk17-tomcat-crash-call1", "jdk17-tomcat-crash-call20", "jdk25-tomcat-crash-call1",
        "jdk25-tomcat-crash-call20")) {
      TraceFixture f = TraceFixture.load(capture);
      reports.add(Reports.fields("error_type", "java.lang.RuntimeException", "error_message",
          f.throwable().getMessage(), "stacktrace", f.trace(), "app_name", "petclinic"));
    }
    reports.add(Reports.fields("error_type", "ValueError", "error_message", "no vet for pet 7", "stacktrace",
        python(42), "app_name", "vets"));
    reports.add(Reports.fields("error_type", "ValueError", "error_message", "no vet for pet 8", "stacktrace",
        python(57), "app_name", "vets"));
    try (RunningReceiver receiver = RunningReceiver.in(dir).start()) {
      @SuppressWarnings("unchecked")
      byte[] batch = Reports.batch(reports.toArray(new Map[0]));
      assertThat(receiver.postSigned("/webhook/errors", batch).status()).as("stored").isBetween(200, 299);

      JsonNode groups = receiver.get("/groups").json();

      List<Long> sizes = new ArrayList<>();
      groups.path("data").forEach(g -> sizes.add(g.path("reports").asLong()));
      assertThat(sizes).containsExactlyInAnyOrder(4L, 2L);
    }
  }

  /** A Django view failing in the app's code, called through the framework; lines shifted by a redeploy. */
  private static String python(int line) {
    return "Traceback (most recent call last):\n"
        + "  File \"/usr/lib/python3/site-packages/django/core/handlers/base.py\", line 197, in _get_response\n"
        + "    response = wrapped_callback(request, *callback_args, **callback_kwargs)\n"
        + "  File \"/srv/vets/views.py\", line " + line + ", in next_visit\n"
        + "    raise ValueError(f\"no vet for pet {pet_id}\")\n"
        + "ValueError: no vet for pet 7\n";
  }
}
