package dev.jahiz.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import dev.jahiz.config.JahizOption;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Every option of jahiz-core's table is a {@code logback.xml} element, and there are no others. */
class LogbackOptionNamesTest {
  @Test
  void everyOptionOfTheTableIsALogbackElement() {
    for (JahizOption option : JahizOption.values()) {
      // A repeatable element is an adder for Joran (addIgnore), any other a setter.
      assertThat(setter(option.repeatable() ? "add" : "set", option.optionName()) != null
          || setter("set", option.optionName()) != null).as("<%s>", option.optionName()).isTrue();
      option.alias().ifPresent(alias -> assertThat(setter("add", alias)).as("<%s>", alias).isNotNull());
    }
  }

  @Test
  void everySetterOfTheAppenderIsAnOptionOfTheTable() {
    List<String> strays = new ArrayList<>();
    for (Method m : JahizAppender.class.getDeclaredMethods()) {
      String name = m.getName();
      if (Modifier.isPublic(m.getModifiers()) && (name.startsWith("set") || name.startsWith("add"))
          && m.getParameterCount() == 1 && JahizOption.named(name.substring(3)).isEmpty()) {
        strays.add(name);
      }
    }
    assertThat(strays).isEmpty();
  }

  @Test
  void anOptionSetByNameInCodeIsReadAsInLogbackXml() {
    LoggerContext context = new LoggerContext();
    JahizAppender appender = new JahizAppender();
    appender.setContext(context);
    appender.setName("JAHIZ");
    appender.environmentVariables(name -> null);
    appender.option("telegram.bot-token", "123456789:AAH-secret_token_value");
    appender.option("chatId", "-100123");
    appender.option("device-info", "false");
    appender.option("spool", "false");
    appender.option("minimumLevel", "loud");
    appender.option("nonsense", "1");
    appender.start();

    assertThat(appender.isStarted()).isFalse();
    assertThat(context.getStatusManager().getCopyOfStatusList()).extracting(Status::getMessage)
        .anySatisfy(m -> assertThat(m).contains("minimumLevel", "loud"))
        .anySatisfy(m -> assertThat(m).contains("nonsense is not a Jahiz option"))
        .noneSatisfy(m -> assertThat(m).contains("AAH-secret"));
  }

  private static Method setter(String prefix, String option) {
    String name = prefix + option.substring(0, 1).toUpperCase(Locale.ROOT) + option.substring(1);
    for (Method m : JahizAppender.class.getMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == 1 && m.getParameterTypes()[0] == String.class) {
        return m;
      }
    }
    return null;
  }
}
