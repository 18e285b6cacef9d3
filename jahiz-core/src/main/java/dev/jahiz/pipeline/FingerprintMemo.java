package dev.jahiz.pipeline;

import dev.jahiz.fingerprint.Fingerprints;
import dev.jahiz.report.ErrorReport;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Remembers the fingerprints of the last few distinct throwables, so that a storm of the same
 * exception costs a frame comparison per report instead of masking and hashing (about 10× less),
 * and the preparer keeps up with a logging loop.
 */
final class FingerprintMemo {
  private static final int SIZE = 128;

  private final Fingerprints fingerprints;
  private final Map<Key, String> memo = new LinkedHashMap<>(SIZE * 2, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, String> eldest) {
      return size() > SIZE;
    }
  };

  FingerprintMemo(Fingerprints fingerprints) {
    this.fingerprints = fingerprints;
  }

  String of(ErrorReport report, Throwable throwable) {
    if (report.fingerprint() != null || report.errorType() != null || report.stacktrace() != null) {
      return fingerprints.of(report, throwable);
    }
    Key key = new Key(throwable, report);
    String known = memo.get(key);
    if (known == null) {
      known = fingerprints.of(report, throwable);
      memo.put(key, known);
    }
    return known;
  }

  /**
   * The message with every digit made 0: the masks treat all digits alike, so messages equal
   * after this have equal masked forms, and "order 17 failed" hits the memo of "order 23 failed".
   */
  static String digitsAlike(String message) {
    if (message == null) {
      return null;
    }
    char[] chars = message.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] >= '1' && chars[i] <= '9') {
        chars[i] = '0';
      }
    }
    return new String(chars);
  }

  /** What the fingerprint of a throwable depends on, compared exactly (all frames, with line numbers). */
  private static final class Key {
    private final Class<?> type;
    private final String message;
    private final StackTraceElement[] frames;
    private final String logger;
    private final int hash;

    Key(Throwable t, ErrorReport report) {
      this.type = t == null ? null : t.getClass();
      this.message = digitsAlike(t != null && t.getMessage() != null ? t.getMessage() : report.errorMessage());
      this.frames = t == null ? new StackTraceElement[0] : t.getStackTrace();
      this.logger = report.logger() + '\n' + report.component();
      int h = Objects.hash(type, message, logger);
      for (int i = 0; i < Math.min(frames.length, 8); i++) {
        h = h * 31 + frames[i].hashCode();
      }
      this.hash = h;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Key)) {
        return false;
      }
      Key k = (Key) o;
      return hash == k.hash && type == k.type && Objects.equals(message, k.message)
          && Objects.equals(logger, k.logger) && Arrays.equals(frames, k.frames);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
