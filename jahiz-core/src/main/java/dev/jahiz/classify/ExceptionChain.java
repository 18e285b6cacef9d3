package dev.jahiz.classify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** An exception and its causes, read defensively: cycle-free, bounded, and only the links that could be read. */
public final class ExceptionChain {
  /** Causes followed at most; deeper chains are read from their first links. */
  public static final int MAX_LINKS = 64;

  private ExceptionChain() {}

  /** The throwable and its causes, outermost first; a {@code getCause()} that throws ends the chain there. */
  public static List<Throwable> of(Throwable throwable) {
    List<Throwable> chain = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    try {
      for (Throwable t = throwable; t != null && seen.size() < MAX_LINKS && seen.add(t); t = t.getCause()) {
        chain.add(t);
      }
    } catch (Throwable unreadable) {
      // getCause() threw: what was read so far is the chain.
    }
    return chain;
  }

  /** {@code java.net.ConnectException} → {@code ConnectException}; {@code Outer$Inner} → {@code Inner}. */
  public static String simpleName(String typeName) {
    int cut = Math.max(typeName.lastIndexOf('.'), typeName.lastIndexOf('$'));
    return cut < 0 ? typeName : typeName.substring(cut + 1);
  }
}
