package dev.jahiz.spool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jahiz.StatusListener;
import dev.jahiz.report.ErrorReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
  @TempDir Path dir;
  private final List<String> status = new CopyOnWriteArrayList<>();
  private final StatusListener listener = (level, message, cause) -> status.add(level + " " + message);

  private static ErrorReport report(String message) {
    return ErrorReport.builder().errorMessage(message).fingerprint("fp-" + message.hashCode()).build();
  }

  private List<String> files(String suffix) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix)).collect(Collectors.toList());
    }
  }

  @Test
  void whatOneClientLeftUndeliveredTheNextOneTakesOverOnce() throws Exception {
    Spool first = Spool.open(dir, Spool.DEFAULT_MAX_BYTES, listener);
    Spool.Entry delivered = first.write(report("delivered"));
    first.write(report("undelivered"));
    first.remove(delivered);
    first.close();

    Spool next = Spool.open(dir, Spool.DEFAULT_MAX_BYTES, listener);
    List<Spool.Leftover> leftovers = next.takeLeftovers();
    Spool another = Spool.open(dir, Spool.DEFAULT_MAX_BYTES, listener);

    assertThat(leftovers).extracting(l -> l.report().errorMessage()).containsExactly("undelivered");
    assertThat(another.takeLeftovers()).as("already taken by a running client").isEmpty();
    next.remove(leftovers.get(0).entry());
    assertThat(files(".report")).isEmpty();
    next.close();
    another.close();
  }

  @Test
  void aRunningClientsReportsAreNotTakenFromIt() {
    Spool running = Spool.open(dir, Spool.DEFAULT_MAX_BYTES, listener);
    running.write(report("in flight"));

    Spool starting = Spool.open(dir, Spool.DEFAULT_MAX_BYTES, listener);

    assertThat(starting.takeLeftovers()).isEmpty();
    running.close();
    starting.close();
  }

  @Test
  void filesAreVersionedAndHoldTheWireJson() throws Exception {
    Spool spool = Spool.open(dir, Spool.DEFAULT_MAX_BYTES, listener);
    spool.write(report("on disk"));

    String content = Files.readString(dir.resolve(files(".report").get(0)), StandardCharsets.UTF_8);

    assertThat(content).startsWith(Spool.FORMAT + "\n{").contains("\"error_message\":\"on disk\"");
    spool.close();
  }

  @Test
  void whenFullTheOldestReportsAreDroppedCountedAndSaid() throws Exception {
    Spool spool = Spool.open(dir, 4096, listener);
    for (int i = 0; i < 40; i++) {
      spool.write(report("report number " + i + " " + "x".repeat(200)));
    }

    assertThat(spool.bytes()).isLessThanOrEqualTo(4096);
    assertThat(spool.dropped()).isGreaterThan(0);
    assertThat(spool.written()).isEqualTo(40);
    assertThat(status).anyMatch(s -> s.contains("spool is full"));
    spool.close();
    Spool next = Spool.open(dir, 1024 * 1024, listener);
    List<Spool.Leftover> kept = next.takeLeftovers();
    assertThat(kept).hasSize((int) (40 - spool.dropped()));
    assertThat(kept.get(kept.size() - 1).report().errorMessage()).startsWith("report number 39 ");
    next.close();
  }

  @Test
  void aFolderThatCannotBeUsedIsSaidOnceAndReportsStayInMemory() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-folder"), "x");

    Spool spool = Spool.open(file.resolve("spool"), Spool.DEFAULT_MAX_BYTES, listener);

    assertThat(spool.isEnabled()).isFalse();
    assertThat(spool.write(report("kept in memory"))).isNull();
    assertThat(spool.takeLeftovers()).isEmpty();
    assertThat(status).hasSize(1).allMatch(s -> s.startsWith("WARN") && s.contains("memory only"));
  }

  @Test
  void aNewerFormatIsLeftForANewerClientAndAnUnreadableFileIsDeleted() throws Exception {
    Files.writeString(dir.resolve("0123456789abcdef_0000000000001-0123456789abcdef-000001.report"), "jahiz-spool 2\n{}");
    Files.writeString(dir.resolve("0123456789abcdef_0000000000002-0123456789abcdef-000002.report"), "garbage");

    Spool spool = Spool.open(dir, Spool.DEFAULT_MAX_BYTES, listener);

    assertThat(spool.takeLeftovers()).isEmpty();
    assertThat(files(".report")).hasSize(1);
    assertThat(Files.readString(dir.resolve(files(".report").get(0)))).startsWith("jahiz-spool 2");
    assertThat(status).anyMatch(s -> s.contains("newer format")).anyMatch(s -> s.contains("could not be read"));
    spool.close();
  }
}
