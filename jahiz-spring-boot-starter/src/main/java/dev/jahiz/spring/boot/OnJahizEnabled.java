package dev.jahiz.spring.boot;

import dev.jahiz.config.JahizSettings;
import java.util.ArrayList;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** {@code jahiz.enabled} read as every Jahiz flag is ({@code true}/{@code yes}/{@code on}, ...), on when unset. */
final class OnJahizEnabled implements Condition {
  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    return JahizSettings.flag(context.getEnvironment().getProperty(StarterOption.ENABLED.property()), true,
        StarterOption.ENABLED.property(), new ArrayList<>());
  }
}
