package dev.jahiz.agent.apps;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import net.bytebuddy.ByteBuddy;
import okhttp3.OkHttp;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.LoggerFactory;

/**
 * An app on OkHttp 4, Jackson 2.12, Kotlin's stdlib 1.8 and Byte Buddy 1.12, all of which the
 * agent also carries in other versions: it uses each, says which version it got, and logs an error.
 */
public final class OldLibrariesApp {
  public static void main(String[] args) throws Exception {
    String json = new ObjectMapper().writeValueAsString(Map.of("order", 42));
    int status;
    try (Response response = new OkHttpClient().newCall(new Request.Builder().url(args[0]).build()).execute()) {
      status = response.code();
    }
    Class<?> generated = new ByteBuddy().subclass(Object.class).make()
        .load(OldLibrariesApp.class.getClassLoader()).getLoaded();
    System.out.println("okhttp " + OkHttp.VERSION + " answered " + status);
    System.out.println("jackson " + com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION + " wrote " + json);
    System.out.println("kotlin " + kotlin.KotlinVersion.CURRENT);
    System.out.println("bytebuddy from " + new java.io.File(ByteBuddy.class.getProtectionDomain().getCodeSource()
        .getLocation().toURI()).getName() + " made "
        + (generated != null));
    LoggerFactory.getLogger("com.example.legacy.Sync").error("legacy sync failed", new IllegalStateException("timeout"));
  }
}
