package dev.jahiz.agent.boot;

import java.io.File;
import java.lang.instrument.Instrumentation;

/**
 * The agent's entry point, {@code -javaagent:jahiz-agent.jar} ({@code premain}) or attached to a
 * running JVM ({@code agentmain}). The JVM puts the agent jar on the system class path, where only
 * the small {@code boot} package is: the hooks woven into Logback and Log4j find {@link Hooks}
 * there from the app's class loaders (Spring Boot's nested jars included), which all delegate to
 * it. Nothing is added to the bootstrap class path: that would turn off class data sharing for the
 * app's classes, and the JVM would say so on stderr.
 */
public final class JahizAgent {
  private JahizAgent() {}

  public static void premain(String args, Instrumentation inst) {
    start(inst, false);
  }

  public static void agentmain(String args, Instrumentation inst) {
    start(inst, true);
  }

  private static void start(Instrumentation inst, boolean attached) {
    try {
      File jar = new File(JahizAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Launcher.launch(inst, jar, attached);
    } catch (Throwable t) {
      // Whatever went wrong, the app starts as it would without the agent.
      System.err.println("jahiz-agent: not started, the app runs without Jahiz: " + t);
    }
  }
}
