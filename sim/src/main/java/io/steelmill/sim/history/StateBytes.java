package io.steelmill.sim.history;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * An estimate of the heap a model state holds, for the {@link SearchBudget}: a cache entry keeps
 * its state, and a state the model made (a kv store's appended string, a set a user's model grew)
 * can be far larger than the entry itself. Charging entries a fixed size let a history of large
 * appends fill the heap long before the budget said so. Strings count a byte a character (the
 * JDK's compact strings), collections and maps what they hold, at most {@link #MAX_DEPTH} deep;
 * objects of other classes a fixed size (a model with states of its own kinds may hold more).
 */
final class StateBytes {
  /** Nesting followed; what lies deeper counts as one small object. */
  static final int MAX_DEPTH = 32;

  private static final long OBJECT = 24;

  private StateBytes() {}

  /** About how many bytes {@code state} holds. */
  static long of(Object state) {
    return of(state, 0);
  }

  private static long of(Object value, int depth) {
    if (depth >= MAX_DEPTH) {
      return OBJECT;
    }
    return switch (value) {
      case null -> 0;
      case String s -> 40L + s.length();
      case BigInteger b -> 40L + b.bitLength() / 8;
      case BigDecimal d -> 72L + d.unscaledValue().bitLength() / 8;
      case Collection<?> items -> {
        long bytes = 32L + 16L * items.size();
        for (Object item : items) {
          bytes += of(item, depth + 1);
        }
        yield bytes;
      }
      case Map<?, ?> map -> {
        long bytes = 48L + 32L * map.size();
        for (Map.Entry<?, ?> e : map.entrySet()) {
          bytes += of(e.getKey(), depth + 1) + of(e.getValue(), depth + 1);
        }
        yield bytes;
      }
      case byte[] a -> 16L + a.length;
      case char[] a -> 16L + 2L * a.length;
      case int[] a -> 16L + 4L * a.length;
      case long[] a -> 16L + 8L * a.length;
      case Object[] a -> {
        long bytes = 16L + 8L * a.length;
        for (Object item : a) {
          bytes += of(item, depth + 1);
        }
        yield bytes;
      }
      default -> OBJECT;
    };
  }
}
