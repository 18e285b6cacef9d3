package dev.jahiz.agent.apps;

import org.slf4j.LoggerFactory;

/** Starts Logback, logs one INFO line and exits: what docs/BENCHMARKS.md times with and without the agent. */
public final class StartupApp {
  public static void main(String[] args) {
    LoggerFactory.getLogger("com.example.Startup").info("started");
  }
}
