package dev.jahiz.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A flag reads the same here as in logback.xml and everywhere else: true/false, yes/no, on/off. */
class FlagsTest {
  private static JahizAppenderBuilder builder() {
    return JahizAppender.newBuilder().setName("flags").option("receiverUrl", "http://127.0.0.1:9")
        .option("webhookSecret", "flags-test-secret").option("deviceInfo", "false");
  }

  @Test
  void yesAndOffAreFlagsToo() {
    assertThat(builder().option("otherMdcToMetadata", "yes").option("includeCallerData", "off").build()).isNotNull();
  }

  @Test
  void aFlagThatIsNeitherLeavesTheAppenderOut() {
    assertThat(builder().option("otherMdcToMetadata", "maybe").build()).isNull();
  }
}
