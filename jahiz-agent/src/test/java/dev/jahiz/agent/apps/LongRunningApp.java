package dev.jahiz.agent.apps;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service that runs until told to stop, started without the agent, for attaching it later. It
 * logs through SLF4J (to Logback or, bridged, to Log4j, whichever jars it runs on), so its logging
 * is set up and in use before anything attaches. It prints its pid and "ready", then takes commands
 * on stdin: {@code error <text>} logs an ERROR with an exception, {@code info <text>} an INFO line,
 * {@code exit} ends it. Each command is acknowledged with "done <command>" once logged.
 */
public final class LongRunningApp {
  public static void main(String[] args) throws Exception {
    Logger log = LoggerFactory.getLogger("com.example.orders.Service");
    log.info("orders service starts");
    System.out.println("pid " + ProcessHandle.current().pid());
    System.out.println("ready");
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null && !line.equals("exit")) {
      if (line.startsWith("error ")) {
        log.error(line.substring(6), new IllegalStateException("inventory service unreachable"));
      } else if (line.startsWith("info ")) {
        log.info(line.substring(5));
      }
      System.out.println("done " + line);
    }
  }
}
