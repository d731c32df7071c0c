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
 */
final class Values {
  private Values() {}

  /** True when {@code a} and {@code b} are the same value (see above). */
  static boolean same(Object a, Object b) {
    return Objects.equals(a, b) || (mayDiffer(a) && Objects.equals(canonical(a), canonical(b)));
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
