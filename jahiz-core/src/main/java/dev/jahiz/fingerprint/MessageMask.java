package dev.jahiz.fingerprint;

import java.util.regex.Pattern;

/**
 * A message with its variable parts masked: UUIDs, then hex words, then numbers, then runs of white
 * space. The definition is the four regular expressions below, applied in turn; an ASCII message (the
 * usual case) is masked by a scan that gives the same text in a tenth of the time, as it is on the
 * receiver's path for every report. Other messages take the expressions themselves, as {@code \b}
 * next to a non-ASCII letter differs between JDKs and a fingerprint must not.
 */
final class MessageMask {
  static final Pattern UUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  static final Pattern HEX = Pattern.compile("\\b(?:0x)?[0-9a-fA-F]*[0-9][0-9a-fA-F]*[a-fA-F][0-9a-fA-F]*\\b"
      + "|\\b(?:0x)?[0-9a-fA-F]*[a-fA-F][0-9a-fA-F]*[0-9][0-9a-fA-F]*\\b");
  static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
  static final Pattern SPACE = Pattern.compile("\\s+");

  private MessageMask() {}

  static String mask(String m) {
    for (int i = 0; i < m.length(); i++) {
      if (m.charAt(i) >= 0x80) {
        return withExpressions(m);
      }
    }
    return spaces(numbers(hexWords(uuids(m)))).trim();
  }

  /** The definition. */
  static String withExpressions(String m) {
    m = UUID.matcher(m).replaceAll("<uuid>");
    m = HEX.matcher(m).replaceAll("<hex>");
    m = NUMBER.matcher(m).replaceAll("<n>");
    return SPACE.matcher(m).replaceAll(" ").trim();
  }

  private static final int[] UUID_GROUPS = {8, 4, 4, 4, 12};

  private static String uuids(String s) {
    StringBuilder out = null;
    int copied = 0;
    for (int i = 0; i + 36 <= s.length(); ) {
      if (isUuidAt(s, i)) {
        out = out == null ? new StringBuilder(s.length()) : out;
        out.append(s, copied, i).append("<uuid>");
        i += 36;
        copied = i;
      } else {
        i++;
      }
    }
    return out == null ? s : out.append(s, copied, s.length()).toString();
  }

  private static boolean isUuidAt(String s, int at) {
    int p = at;
    for (int g = 0; g < UUID_GROUPS.length; g++) {
      if (g > 0 && s.charAt(p++) != '-') {
        return false;
      }
      for (int k = 0; k < UUID_GROUPS[g]; k++) {
        if (!isHex(s.charAt(p++))) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * {@code \b} before and after means a match is a whole word (a run of {@code [A-Za-z0-9_]}): the
   * word, or what follows its {@code 0x}, is hex digits only and has both a digit and a letter.
   */
  private static String hexWords(String s) {
    return replaceRuns(s, MessageMask::isWord, (t, from) -> {
      int end = from;
      while (end < t.length() && isWord(t.charAt(end))) {
        end++;
      }
      return end;
    }, (t, from, to) -> {
      boolean prefixed = to - from > 2 && t.charAt(from) == '0' && t.charAt(from + 1) == 'x'
          && isHexWithDigitAndLetter(t, from + 2, to);
      return prefixed || isHexWithDigitAndLetter(t, from, to) ? "<hex>" : null;
    });
  }

  private static boolean isHexWithDigitAndLetter(String s, int from, int to) {
    boolean digit = false;
    boolean letter = false;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
        letter = true;
      } else {
        return false;
      }
    }
    return digit && letter;
  }

  /** {@code \d+(?:[.,]\d+)*}: digits, and more digits after each dot or comma between them. */
  private static String numbers(String s) {
    return replaceRuns(s, MessageMask::isDigit, (t, from) -> {
      int end = digitsFrom(t, from);
      while (end + 1 < t.length() && (t.charAt(end) == '.' || t.charAt(end) == ',') && isDigit(t.charAt(end + 1))) {
        end = digitsFrom(t, end + 1);
      }
      return end;
    }, (t, from, to) -> "<n>");
  }

  private static int digitsFrom(String s, int from) {
    int end = from;
    while (end < s.length() && isDigit(s.charAt(end))) {
      end++;
    }
    return end;
  }

  /** {@code \s+} as one space (a lone space is left as it is). */
  private static String spaces(String s) {
    return replaceRuns(s, MessageMask::isSpace, (t, from) -> {
      int end = from + 1;
      while (end < t.length() && isSpace(t.charAt(end))) {
        end++;
      }
      return end;
    }, (t, from, to) -> to - from > 1 || t.charAt(from) != ' ' ? " " : null);
  }

  /** Where a run that starts at {@code from} ends. */
  private interface RunEnd {
    int of(String s, int from);
  }

  /** What a run is replaced by, or null to keep it. */
  private interface Replacement {
    String of(String s, int from, int to);
  }

  /**
   * Each run (from a character {@code starts} accepts to where {@code end} says) replaced as
   * {@code replacement} says, left to right, as {@code Matcher.replaceAll} does; the string itself
   * when nothing changes.
   */
  private static String replaceRuns(String s, CharPredicate starts, RunEnd end, Replacement replacement) {
    StringBuilder out = null;
    int copied = 0;
    int i = 0;
    while (i < s.length()) {
      if (!starts.test(s.charAt(i))) {
        i++;
        continue;
      }
      int to = end.of(s, i);
      String by = replacement.of(s, i, to);
      if (by != null) {
        out = out == null ? new StringBuilder(s.length()) : out;
        out.append(s, copied, i).append(by);
        copied = to;
      }
      i = to;
    }
    return out == null ? s : out.append(s, copied, s.length()).toString();
  }

  private interface CharPredicate {
    boolean test(char c);
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isWord(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }

  /** {@code \s}: space, tab, newline, vertical tab, form feed, carriage return. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }
}
