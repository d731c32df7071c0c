package io.steelmill.processor.writing;

import com.palantir.javapoet.TypeName;
import io.steelmill.processor.model.AccessorNames;
import io.steelmill.processor.model.Binding;
import io.steelmill.processor.model.BindingGraph;
import io.steelmill.processor.model.BindingKind;
import io.steelmill.processor.model.EntryPoint;
import io.steelmill.processor.model.Key;
import io.steelmill.processor.model.Resolution;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The accessor of each key of a generated factory class: {@code getIndex()}, or the entry point
 * itself ({@code store()}) when the factory interface returns that key. Such an entry point keeps
 * what it returned in a volatile field of its own, so a repeated call is one field read, as fast
 * as a hand-written field; it also serves every other use of the key in the class, so the field
 * costs no extra method. A child factory's generated code calls its parent's accessors, so the
 * names are computed from the graph alone.
 */
final class Accessors {
  /**
   * Entry points a class memoizes at most. Each field takes three constant-pool entries of a
   * class that also holds one accessor per key; past this a factory's entry points read the
   * binding table as its other accessors do.
   */
  static final int MAX_MEMOIZED = 4_000;

  /** Names of the generated class's own fields, which no memo field may take. */
  private static final Set<String> RESERVED = Set.of("MODE", "BINDINGS", "ambient", "parentFactory");

  private final AccessorNames names;
  private final Map<Key, EntryPoint> memoized = new LinkedHashMap<>();

  private Accessors(BindingGraph graph, boolean memoize) {
    this.names = AccessorNames.of(graph);
    if (!memoize) {
      return;
    }
    for (EntryPoint entryPoint : graph.factory().entryPoints()) {
      Key key = entryPoint.request().key();
      if (memoizable(graph, entryPoint) && !memoized.containsKey(key)) {
        memoized.put(key, entryPoint);
      }
    }
    if (memoized.size() > MAX_MEMOIZED) {
      memoized.clear();
    }
  }

  /** The accessors of a factory's own class, entry points memoized. */
  static Accessors of(BindingGraph graph) {
    return new Accessors(graph, true);
  }

  /** The accessors of a factory's nested ambient class: no entry points there. */
  static Accessors ofAmbient(BindingGraph graph) {
    return new Accessors(graph, false);
  }

  /** {@code getIndex}, or the name of the entry point that memoizes the key. */
  String name(Key key) {
    EntryPoint entryPoint = memoized.get(key);
    return entryPoint != null ? entryPoint.name() : names.accessor(key);
  }

  /** The entry point that is {@code key}'s accessor, or null. */
  EntryPoint memoizedBy(Key key) {
    return memoized.get(key);
  }

  /** The field an entry point keeps its instance in: its own name, unless the class took it. */
  static String field(EntryPoint entryPoint) {
    String name = entryPoint.name();
    return RESERVED.contains(name) ? name + "Instance" : name;
  }

  /**
   * Whether an entry point can be its key's accessor: it returns the key's own type (not a
   * provider, not {@code int} for an {@code Integer} key), and the key's instance never changes
   * (a child creator is made per request).
   */
  private static boolean memoizable(BindingGraph graph, EntryPoint entryPoint) {
    if (entryPoint.request().isProvider()) {
      return false;
    }
    Key key = entryPoint.request().key();
    Resolution resolution = graph.resolutions().get(key);
    if (resolution == null) {
      return false;
    }
    Binding binding = resolution.binding();
    if (binding == null ? !resolution.fromParent() : binding.kind() == BindingKind.CREATOR) {
      return false;
    }
    TypeName returned = TypeName.get(entryPoint.method().getReturnType());
    return returned.equals(TypeName.get(key.type())) && !returned.isPrimitive();
  }
}
