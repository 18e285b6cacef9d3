package dev.jahiz.receiver;

import dev.jahiz.receiver.config.ConfigException;
import dev.jahiz.receiver.config.DotEnv;
import dev.jahiz.receiver.config.ReceiverConfig;
import dev.jahiz.receiver.store.StoreException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar jahiz-receiver.jar}: configuration from ./.env overridden by the environment. */
public final class ReceiverMain {
  private ReceiverMain() {}

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> settings = new HashMap<>(DotEnv.load(Path.of(".env")));
    settings.putAll(System.getenv());
    ReceiverConfig config;
    try {
      config = ReceiverConfig.from(settings);
    } catch (ConfigException e) {
      System.err.println("jahiz-receiver cannot start: " + e.getMessage());
      System.exit(2);
      return;
    }
    Receiver receiver;
    try {
      receiver = Receiver.start(config);
    } catch (StoreException e) {
      // The database named by the settings is unreachable or refuses us: say which setting, not a stack trace.
      System.err.println("jahiz-receiver cannot start: " + e.getMessage());
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      receiver.close();
      stopped.countDown();
    }, "jahiz-shutdown"));
    stopped.await();
  }
}
