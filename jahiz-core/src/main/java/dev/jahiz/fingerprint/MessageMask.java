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
    StringBuilder out = null;
    int copied = 0;
    int i = 0;
    while (i < s.length()) {
      if (!isWord(s.charAt(i))) {
        i++;
        continue;
      }
      int end = i;
      while (end < s.length() && isWord(s.charAt(end))) {
        end++;
      }
      boolean prefixed = end - i > 2 && s.charAt(i) == '0' && s.charAt(i + 1) == 'x' && isHexWithDigitAndLetter(s, i + 2, end);
      if (prefixed || isHexWithDigitAndLetter(s, i, end)) {
        out = out == null ? new StringBuilder(s.length()) : out;
        out.append(s, copied, i).append("<hex>");
        copied = end;
      }
      i = end;
    }
    return out == null ? s : out.append(s, copied, s.length()).toString();
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

  private static String numbers(String s) {
    StringBuilder out = null;
    int copied = 0;
    int i = 0;
    while (i < s.length()) {
      if (!isDigit(s.charAt(i))) {
        i++;
        continue;
      }
      int end = i;
      while (end < s.length() && isDigit(s.charAt(end))) {
        end++;
      }
      while (end + 1 < s.length() && (s.charAt(end) == '.' || s.charAt(end) == ',') && isDigit(s.charAt(end + 1))) {
        end++;
        while (end < s.length() && isDigit(s.charAt(end))) {
          end++;
        }
      }
      out = out == null ? new StringBuilder(s.length()) : out;
      out.append(s, copied, i).append("<n>");
      copied = end;
      i = end;
    }
    return out == null ? s : out.append(s, copied, s.length()).toString();
  }

  private static String spaces(String s) {
    StringBuilder out = null;
    int copied = 0;
    int i = 0;
    while (i < s.length()) {
      if (!isSpace(s.charAt(i))) {
        i++;
        continue;
      }
      int end = i + 1;
      while (end < s.length() && isSpace(s.charAt(end))) {
        end++;
      }
      if (end - i > 1 || s.charAt(i) != ' ') {
        out = out == null ? new StringBuilder(s.length()) : out;
        out.append(s, copied, i).append(' ');
        copied = end;
      }
      i = end;
    }
    return out == null ? s : out.append(s, copied, s.length()).toString();
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
