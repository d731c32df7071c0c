package io.steelmill.sim.history;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Equality of history values as Jepsen's checkers see them. Java's {@code Double.equals} tells
 * {@code -0.0} from {@code 0.0}; Clojure's {@code =} (Knossos) and Go's {@code ==} (Porcupine) do
 * not, so a register written {@code -0.0} and read {@code 0.0} was "not linearizable" here and
 * linearizable there. Values are compared with the zeros made one, at any depth; everything else
 * is {@code equals} (an integer is not a decimal, a string is not a keyword, as in Clojure).
 *
 * <p>NaN is the other way round: {@code Double.equals} calls two NaNs equal, Clojure's {@code =}
 * (on the distinct objects a history holds) and Go's {@code ==} do not. So a value holding a NaN,
 * at any depth, is the same as nothing, itself included: a register written NaN and read NaN is
 * not linearizable, as Knossos and Porcupine say, and a check gives their verdict on the same file.
 */
final class Values {
  /** Seconds either side of the epoch that a {@link java.util.Date} (milliseconds) can hold. */
  private static final long MAX_DATE_SECONDS = Long.MAX_VALUE / 1000 - 1;

  private Values() {}

  /** True when {@code a} and {@code b} are the same value (see above). */
  static boolean same(Object a, Object b) {
    if (Objects.equals(a, b)) {
      return !mayDiffer(a) || !hasNaN(a);
    }
    return mayDiffer(a) && Objects.equals(canonical(a), canonical(b)) && !hasNaN(a);
  }

  /** Whether {@code value} holds a NaN, at any depth (a map's keys too). */
  static boolean hasNaN(Object value) {
    return switch (value) {
      case Double d -> d.isNaN();
      case Float f -> f.isNaN();
      case java.util.Collection<?> items -> items.stream().anyMatch(Values::hasNaN);
      case Map<?, ?> map -> map.entrySet().stream()
          .anyMatch(e -> hasNaN(e.getKey()) || hasNaN(e.getValue()));
      case null, default -> false;
    };
  }

  /** {@code value} with every {@code -0.0} made {@code 0.0}; the same object when it has none. */
  static Object canonical(Object value) {
    return switch (value) {
      case Double d when Double.doubleToRawLongBits(d) == Long.MIN_VALUE -> 0.0;
      case Float f when Float.floatToRawIntBits(f) == Integer.MIN_VALUE -> 0.0f;
      case null, default -> eachElement(value, Values::canonical);
    };
  }

  /**
   * {@code value} with {@code made} applied to every element of a list or set and every key and
   * value of a map (one level: {@code made} walks deeper), unmodifiable when anything changed;
   * the same object when nothing did, or when {@code value} is no collection.
   */
  private static Object eachElement(Object value, UnaryOperator<Object> made) {
    return switch (value) {
      case List<?> list -> {
        List<Object> out = null;
        for (int i = 0; i < list.size(); i++) {
          Object item = list.get(i);
          Object after = made.apply(item);
          if (after != item && out == null) {
            out = new ArrayList<>(list.subList(0, i));
          }
          if (out != null) {
            out.add(after);
          }
        }
        yield out == null ? list : Collections.unmodifiableList(out);
      }
      case Set<?> set -> {
        Set<Object> out = new LinkedHashSet<>();
        boolean changed = false;
        for (Object item : set) {
          Object after = made.apply(item);
          changed |= after != item;
          out.add(after);
        }
        yield changed ? Collections.unmodifiableSet(out) : set;
      }
      case Map<?, ?> map -> {
        Map<Object, Object> out = new LinkedHashMap<>();
        boolean changed = false;
        for (Map.Entry<?, ?> e : map.entrySet()) {
          Object key = made.apply(e.getKey());
          Object after = made.apply(e.getValue());
          changed |= key != e.getKey() || after != e.getValue();
          out.put(key, after);
        }
        yield changed ? Collections.unmodifiableMap(out) : map;
      }
      case null, default -> value;
    };
  }

  private static boolean mayDiffer(Object value) {
    return value instanceof Double || value instanceof Float || value instanceof List<?>
        || value instanceof Set<?> || value instanceof Map<?, ?>;
  }

  /**
   * {@code value} as the EDN reader gives it back from its written form: Java's other integer
   * types as {@code Long}, a {@code Float} as the {@code Double} its text reads as, a {@code
   * BigInteger} that fits as a {@code Long}, an array as a list, at any depth. A recorded history
   * compared an {@code Integer} 1 with a {@code Long} 1 as different (Clojure's {@code =} calls
   * them equal) and two equal arrays as different (identity), and the same history written and
   * read back said otherwise. The same object when nothing changes.
   */
  static Object asRead(Object value) {
    return switch (value) {
      case null -> null;
      case Long l -> l;
      case String s -> s;
      case Integer i -> (long) i;
      case Short i -> (long) i;
      case Byte i -> (long) i;
      case Float f -> f.isNaN() || f.isInfinite() ? (Object) f.doubleValue()
          : (Object) Double.parseDouble(Float.toString(f));
      case java.math.BigInteger b -> b.bitLength() < 64 ? (Object) b.longValue() : b;
      case java.time.Instant i -> i.getEpochSecond() >= -MAX_DATE_SECONDS
          && i.getEpochSecond() <= MAX_DATE_SECONDS ? java.util.Date.from(i) : i; // as #inst
      case java.math.BigDecimal d -> {
        java.math.BigDecimal stripped = d.stripTrailingZeros();
        yield stripped.equals(d) ? d : stripped; // the same object when nothing changes
      }
      default -> value.getClass().isArray() ? elements(value)
          : eachElement(value, Values::asRead);
    };
  }

  /**
   * An array (of objects or primitives) as a list of its elements, each {@link #asRead}: a copy,
   * not a view the caller may change.
   */
  private static List<Object> elements(Object array) {
    int length = java.lang.reflect.Array.getLength(array);
    List<Object> out = new ArrayList<>(length);
    for (int i = 0; i < length; i++) {
      out.add(asRead(java.lang.reflect.Array.get(array, i)));
    }
    return Collections.unmodifiableList(out);
  }
}
