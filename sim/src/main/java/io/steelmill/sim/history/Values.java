package io.steelmill.sim.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
      case List<?> list -> {
        List<Object> out = null;
        for (int i = 0; i < list.size(); i++) {
          Object item = list.get(i);
          Object made = canonical(item);
          if (made != item && out == null) {
            out = new ArrayList<>(list.subList(0, i));
          }
          if (out != null) {
            out.add(made);
          }
        }
        yield out == null ? list : java.util.Collections.unmodifiableList(out);
      }
      case Set<?> set -> {
        Set<Object> out = new LinkedHashSet<>();
        boolean changed = false;
        for (Object item : set) {
          Object made = canonical(item);
          changed |= made != item;
          out.add(made);
        }
        yield changed ? java.util.Collections.unmodifiableSet(out) : set;
      }
      case Map<?, ?> map -> {
        Map<Object, Object> out = new LinkedHashMap<>();
        boolean changed = false;
        for (Map.Entry<?, ?> e : map.entrySet()) {
          Object key = canonical(e.getKey());
          Object made = canonical(e.getValue());
          changed |= key != e.getKey() || made != e.getValue();
          out.put(key, made);
        }
        yield changed ? java.util.Collections.unmodifiableMap(out) : map;
      }
      case null, default -> value;
    };
  }

  private static boolean mayDiffer(Object value) {
    return value instanceof Double || value instanceof Float || value instanceof List<?>
        || value instanceof Set<?> || value instanceof Map<?, ?>;
  }
}
