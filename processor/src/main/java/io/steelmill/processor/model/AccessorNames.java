package io.steelmill.processor.model;

import io.steelmill.processor.diagnostics.TypeNames;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    result.numberRepeats();
    return result;
  }

  /**
   * Keys whose qualified names still collide ({@code @Named("<>")} and {@code @Named("\"")}
   * both spell {@code JavaLangStringNamed}: only letters and digits count) get numbers, in the
   * order of their full text (type and every qualifier member), so the same graph gives the same
   * names whatever order it is read in. Two methods of one name made a factory that did not
   * compile.
   */
  private void numberRepeats() {
    Map<String, List<Key>> byName = new HashMap<>();
    for (Map.Entry<Key, String> entry : names.entrySet()) {
      byName.computeIfAbsent(entry.getValue(), n -> new ArrayList<>()).add(entry.getKey());
    }
    Set<String> taken = new HashSet<>(byName.keySet());
    List<String> repeated = new ArrayList<>();
    byName.forEach((name, keys) -> {
      if (keys.size() > 1) {
        repeated.add(name);
      }
    });
    Collections.sort(repeated);
    for (String name : repeated) {
      List<Key> keys = byName.get(name);
      keys.sort(Comparator.comparing(Key::identity));
      int number = 2;
      for (Key key : keys.subList(1, keys.size())) {
        while (taken.contains(name + number)) {
          number++;
        }
        names.put(key, name + number);
        taken.add(name + number);
      }
    }
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
