package io.steelmill.processor.model;

import io.steelmill.processor.diagnostics.TypeNames;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The names of a generated factory's binding accessors ({@code getGuestBook()}) and fields
 * ({@code guestBook}), one per key of its graph. A child factory's generated code calls its
 * parent's accessors, so both are computed from the graph alone: the same graph always gives the
 * same names. Two keys whose short names collide ({@code a.Disk}, {@code b.Disk}) both use their
 * qualified names.
 */
public final class AccessorNames {
  private final Map<Key, String> names = new LinkedHashMap<>();
  private Map<String, Key> keysByAccessor;

  private AccessorNames() {}

  public static AccessorNames of(BindingGraph graph) {
    AccessorNames result = new AccessorNames();
    Map<String, Integer> counts = new HashMap<>();
    for (Key key : graph.resolutions().keySet()) {
      String name = shortName(key); // once per key: a graph has thousands of them
      result.names.put(key, name);
      counts.merge(name, 1, Integer::sum);
    }
    for (Map.Entry<Key, String> entry : result.names.entrySet()) {
      Key key = entry.getKey();
      String name = entry.getValue();
      name = counts.get(name) > 1 ? camel(key.typeName() + " " + qualifier(key)) : name;
      // getClass() is Object's own, final method: a class named Class gets getClassInstance().
      entry.setValue(name.equals("Class") ? "ClassInstance" : name);
    }
    return result;
  }

  /** {@code getGuestBook}. */
  public String accessor(Key key) {
    return "get" + names.get(key);
  }

  /**
   * {@code guestBook}, never one of the generated class's own field names, nor a keyword (a
   * daemon class {@code Switch} gets the field {@code switchInstance}).
   */
  public String field(Key key) {
    String upper = names.get(key);
    String field = Character.toLowerCase(upper.charAt(0)) + upper.substring(1);
    return switch (field) {
      case "core", "ambient", "parentFactory" -> field + "Instance";
      default -> javax.lang.model.SourceVersion.isName(field) ? field : field + "Instance";
    };
  }

  /** Whether some key of the graph has the accessor {@code methodName}. */
  public Key keyOfAccessor(String methodName) {
    if (keysByAccessor == null) { // one map, not a scan per entry point: graphs can be large
      keysByAccessor = new HashMap<>();
      for (Map.Entry<Key, String> entry : names.entrySet()) {
        keysByAccessor.putIfAbsent("get" + entry.getValue(), entry.getKey());
      }
    }
    return keysByAccessor.get(methodName);
  }

  /** The key's name without packages, in camel case; made once per key (a regex, a builder). */
  private static String shortName(Key key) {
    if (key.accessorBase == null) {
      key.accessorBase = camel(key.simpleTypeName() + " " + qualifier(key));
    }
    return key.accessorBase;
  }

  private static String qualifier(Key key) {
    return key.isQualified() ? TypeNames.simple(key.qualifier().toString()) : "";
  }

  /** {@code List<Disk> @Named("wal")} becomes {@code ListOfDiskNamedWal}. */
  private static String camel(String text) {
    String spelled = text.replace("<", " Of ").replace(",", " And ").replace("[]", " Array ");
    StringBuilder out = new StringBuilder();
    boolean upper = true;
    for (char c : spelled.toCharArray()) {
      if (Character.isLetterOrDigit(c)) {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      } else {
        upper = true;
      }
    }
    return out.isEmpty() ? "Binding" : out.toString();
  }
}
