package dev.jahiz.receiver.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jahiz.delivery.Pacing;
import dev.jahiz.receiver.testing.MutableClock;
import dev.jahiz.receiver.testing.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What receivers sharing a database agree on through it, each receiver here its own {@link Leases}
 * and {@link ChatPace} on its own pool: one holder per lease until it expires or is given back, and
 * one chat's messages no faster together than its pace.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestStore.class)
class LeasesAndPaceTest {
  @Parameter TestStore store;
  @TempDir Path dir;
  private final MutableClock clock = MutableClock.startingNow();

  @Test
  void aLeaseHasOneHolderUntilItExpiresOrIsGivenBack() {
    try (Database one = Database.open(store.database(dir)); Database two = Database.open(store.database(dir))) {
      Leases first = new Leases(one.jdbc(), "receiver-1", clock);
      Leases second = new Leases(two.jdbc(), "receiver-2", clock);

      assertThat(first.take("digest:abc", Duration.ofSeconds(30))).isTrue();
      assertThat(second.take("digest:abc", Duration.ofSeconds(30))).as("held by the first").isFalse();
      assertThat(second.take("digest:other", Duration.ofSeconds(30))).as("another key").isTrue();
      assertThat(first.take("digest:abc", Duration.ofSeconds(30))).as("renewed by its holder").isTrue();
      second.release("digest:abc");
      assertThat(second.take("digest:abc", Duration.ofSeconds(30))).as("only its holder gives it back").isFalse();

      clock.advance(Duration.ofSeconds(31));
      assertThat(second.take("digest:abc", Duration.ofSeconds(30))).as("taken over once expired").isTrue();
      assertThat(first.take("digest:abc", Duration.ofSeconds(30))).isFalse();
      second.release("digest:abc");
      assertThat(first.take("digest:abc", Duration.ofSeconds(30))).as("free once given back").isTrue();
    }
  }

  @Test
  void twoReceiversTogetherSendToAChatNoFasterThanItsPace() {
    try (Database one = Database.open(store.database(dir)); Database two = Database.open(store.database(dir))) {
      Pacing telegramGroup = Pacing.perMinute(20).and(Pacing.perSecond(1));
      ChatPace first = new ChatPace(one.jdbc(), "chat -100", telegramGroup, clock);
      ChatPace second = new ChatPace(two.jdbc(), "chat -100", telegramGroup, clock);
      ChatPace otherChat = new ChatPace(two.jdbc(), "chat -200", telegramGroup, clock);

      assertThat(first.takeSlot()).isZero();
      assertThat(second.takeSlot()).as("a second later at the earliest")
          .isBetween(TimeUnit.MILLISECONDS.toNanos(1), TimeUnit.SECONDS.toNanos(1));
      assertThat(otherChat.takeSlot()).as("another chat has its own pace").isZero();

      int sent = 1;
      for (int i = 0; i < 40; i++) {
        clock.advance(Duration.ofSeconds(1));
        ChatPace receiver = i % 2 == 0 ? second : first;
        if (receiver.takeSlot() == 0) {
          sent++;
        }
      }
      assertThat(sent).as("20 a minute, whichever receiver sends").isEqualTo(20);
    }
  }
}
