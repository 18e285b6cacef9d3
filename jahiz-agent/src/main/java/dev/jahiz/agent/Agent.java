package dev.jahiz.agent;

import dev.jahiz.StatusListener;
import dev.jahiz.agent.boot.BundleClassLoader;
import dev.jahiz.agent.boot.Hooks;
import dev.jahiz.client.JahizClient;
import dev.jahiz.logging.EventMapping;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The running agent: checks the settings, then hooks Logback and Log4j and the JVM's uncaught
 * exceptions. With a bad setting or no destination it says so in one line on stderr and does
 * nothing else: no class is touched, no thread started.
 *
 * <p>Each app logging framework gets a sink (one per class loader that holds it), created the first
 * time it logs, inside its own {@link BundleClassLoader}, around the very appender an app would
 * configure: reports are mapped by the appenders' code, not a copy of it.
 */
public final class Agent {
  static final String NAME = "jahiz-agent";
  private static final Set<String> TOLD = ConcurrentHashMap.newKeySet();

  private final AgentSettings settings;
  private final List<AutoCloseable> sinks = new CopyOnWriteArrayList<>();
  private final ClassValue<BiConsumer<Object, Object>> logback = new ClassValue<>() {
    @Override
    protected BiConsumer<Object, Object> computeValue(Class<?> loggerClass) {
      return sink(loggerClass, "dev.jahiz.agent.logback.LogbackSink", "ch.qos.logback.", "org.slf4j.");
    }
  };
  private final ClassValue<Consumer<Object>> log4j = new ClassValue<>() {
    @Override
    protected Consumer<Object> computeValue(Class<?> contextClass) {
      return sink(contextClass, "dev.jahiz.agent.log4j2.Log4j2Sink", "org.apache.logging.log4j.");
    }
  };
  private volatile JahizClient uncaughtClient;
  private volatile UncaughtReporter uncaught;

  private Agent(AgentSettings settings) {
    this.settings = settings;
  }

  /** Starts the agent, unless its settings are bad or give no destination; whether it started. */
  public static boolean start(Instrumentation inst, boolean attached) {
    AgentSettings settings;
    try {
      settings = AgentSettings.read(System.getenv(), System.getProperties());
    } catch (AgentSettings.Invalid e) {
      System.err.println(NAME + ": not started, the app runs without Jahiz: " + String.join("; ", e.problems()));
      return false;
    }
    Agent agent = new Agent(settings);
    agent.uncaught = UncaughtReporter.install(agent::uncaughtClient, EventMapping.defaults());
    Hooks.logbackEvent = (logger, event) -> {
      try {
        agent.logback.get(logger.getClass()).accept(logger, event);
      } catch (Throwable e) {
        problem(reporting("Logback", logger.getClass(), "1.2"), e);
      }
    };
    Hooks.log4jConfigured = context -> {
      try {
        agent.log4j.get(context.getClass()).accept(context);
      } catch (Throwable e) {
        // Such as Log4j older than 2.17, whose AbstractAppender lacks what the agent's forwarder calls.
        problem(reporting("Log4j", context.getClass(), "2.17"), e);
      }
    };
    instrument(inst, attached);
    Runtime.getRuntime().addShutdownHook(new Thread(agent::close, JahizClient.THREAD_PREFIX + "agent-shutdown"));
    return true;
  }

  private static void instrument(Instrumentation inst, boolean attached) {
    // Only an attached agent retransforms: asking for it at start would have the JVM keep a copy of
    // every class file the app loads.
    inst.addTransformer(new HookWeaver(), attached);
    if (attached) {
      attach(inst);
    }
  }

  /**
   * In a running JVM, Logback and Log4j are loaded and configured already: their classes are woven
   * again in place, and Log4j's existing contexts get the agent's appender now, since their
   * configuration was set before the hook was there (later reconfigurations pass the hook).
   */
  private static void attach(Instrumentation inst) {
    List<Class<?>> loaded = new ArrayList<>();
    for (Class<?> c : inst.getAllLoadedClasses()) {
      String name = c.getName().replace('.', '/');
      if (name.equals(HookWeaver.LOGBACK_LOGGER) || name.equals(HookWeaver.LOG4J_CONTEXT)) {
        loaded.add(c);
      }
    }
    for (Class<?> c : loaded) {
      try {
        inst.retransformClasses(c);
      } catch (Throwable e) {
        problem("instrumenting " + c.getName(), e);
      }
      if (c.getName().replace('.', '/').equals(HookWeaver.LOG4J_CONTEXT)) {
        for (Object context : log4jContexts(c)) {
          Hooks.log4j(context);
        }
      }
    }
  }

  /**
   * The contexts of the Log4j that {@code contextClass} belongs to, from its context selector
   * ({@code LogManager.getFactory().getSelector().getLoggerContexts()}), read by reflection: the
   * agent's own class loader does not see the app's Log4j.
   */
  private static List<?> log4jContexts(Class<?> contextClass) {
    try {
      Object factory = Class.forName("org.apache.logging.log4j.LogManager", true, contextClass.getClassLoader())
          .getMethod("getFactory").invoke(null);
      Object selector = factory.getClass().getMethod("getSelector").invoke(factory);
      return (List<?>) selector.getClass().getMethod("getLoggerContexts").invoke(selector);
    } catch (Throwable e) {
      problem("finding the running Log4j's contexts", e);
      return List.of();
    }
  }

  @SuppressWarnings("unchecked")
  private <T> T sink(Class<?> anchor, String sinkClass, String... appPackages) {
    try {
      BundleClassLoader core = (BundleClassLoader) Agent.class.getClassLoader();
      ClassLoader app = anchor.getClassLoader() == null ? ClassLoader.getSystemClassLoader() : anchor.getClassLoader();
      Object sink = Class.forName(sinkClass, true, core.framework(app, appPackages))
          .getConstructor(AgentSettings.class).newInstance(settings);
      sinks.add((AutoCloseable) sink);
      return (T) sink;
    } catch (Throwable e) {
      problem("starting for " + anchor.getName(), e);
      return (T) new Off();
    }
  }

  /** A sink that could not start: events of that framework are not reported, and that was told. */
  private static final class Off implements BiConsumer<Object, Object>, Consumer<Object> {
    @Override
    public void accept(Object a, Object b) {}

    @Override
    public void accept(Object a) {}
  }

  /** The client for uncaught exceptions, started when the first one comes. */
  private JahizClient uncaughtClient() {
    JahizClient c = uncaughtClient;
    if (c == null) {
      synchronized (this) {
        c = uncaughtClient;
        if (c == null) {
          c = settings.settings().startClient(status());
          uncaughtClient = c;
        }
      }
    }
    return c;
  }

  /** Jahiz's own warnings (a rejected token, dropped reports) on stderr; never the app's logging. */
  public static StatusListener status() {
    return (level, message, cause) -> {
      if (level != StatusListener.Level.INFO) {
        System.err.println(NAME + ": " + level + " " + message + (cause == null ? "" : ": " + cause));
      }
    };
  }

  /** Names the framework version the app has, from its jar, and the oldest Jahiz supports. */
  private static String reporting(String framework, Class<?> frameworkClass, String oldest) {
    Package p = frameworkClass.getPackage();
    String version = p == null ? null : p.getImplementationVersion();
    return "reporting " + framework + " " + (version == null ? "(version unknown)" : version)
        + " events (Jahiz needs " + framework + " " + oldest + " or newer)";
  }

  /** Tells a failure inside the agent once per kind, on stderr; the app goes on. */
  public static void problem(String what, Throwable t) {
    if (TOLD.add(what)) {
      System.err.println(NAME + ": " + what + " failed, this part of Jahiz is off" + (t == null ? "" : ": " + t));
    }
  }

  /** At JVM exit: delivers what is queued, each within its close timeout, and gives back the handler. */
  private void close() {
    Hooks.logbackEvent = null;
    Hooks.log4jConfigured = null;
    UncaughtReporter u = uncaught;
    if (u != null) {
      u.uninstall();
    }
    for (AutoCloseable sink : sinks) {
      try {
        sink.close();
      } catch (Throwable e) {
        problem("closing", e);
      }
    }
    JahizClient c = uncaughtClient;
    if (c != null) {
      c.close();
    }
  }
}
