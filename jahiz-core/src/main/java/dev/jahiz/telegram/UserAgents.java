package dev.jahiz.telegram;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a browser's name and major version out of a user agent, for a one-glance "Browser:" line;
 * the full user agent is shown beside it, so an unrecognised one loses nothing.
 */
final class UserAgents {
  /** Most specific first: Edge and Opera also say Chrome, Chrome also says Safari. */
  private static final String[][] BROWSERS = {
    {"Edge", "Edg(?:e|A|iOS)?/(\\d+)"},
    {"Opera", "OPR/(\\d+)"},
    {"Samsung Internet", "SamsungBrowser/(\\d+)"},
    {"Firefox", "(?:Firefox|FxiOS)/(\\d+)"},
    {"Chrome", "(?:Chrome|CriOS)/(\\d+)"},
    {"Safari", "Version/(\\d+)[.\\d]* (?:Mobile/\\S+ )?Safari/"},
  };
  private static final Pattern[] PATTERNS = new Pattern[BROWSERS.length];
  private static final Pattern HEADLESS = Pattern.compile("Headless");

  static {
    for (int i = 0; i < BROWSERS.length; i++) {
      PATTERNS[i] = Pattern.compile(BROWSERS[i][1]);
    }
  }

  private UserAgents() {}

  /** True for what a browser sends as {@code navigator.userAgent}. */
  static boolean isUserAgent(String text) {
    return text != null && text.startsWith("Mozilla/");
  }

  /** e.g. "Chrome 131", "Firefox 133", or null when no known browser is named. */
  static String browser(String userAgent) {
    for (int i = 0; i < BROWSERS.length; i++) {
      Matcher m = PATTERNS[i].matcher(userAgent);
      if (m.find()) {
        String name = BROWSERS[i][0];
        if (HEADLESS.matcher(userAgent).find()) {
          name = "Headless " + name;
        }
        return name + " " + m.group(1);
      }
    }
    return null;
  }
}
