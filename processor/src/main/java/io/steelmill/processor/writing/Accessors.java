package io.steelmill.processor.writing;

import io.steelmill.processor.model.AccessorNames;
import io.steelmill.processor.model.Binding;
import io.steelmill.processor.model.BindingGraph;
import io.steelmill.processor.model.BindingKind;
import io.steelmill.processor.model.ClassBudget;
import io.steelmill.processor.model.EntryPoint;
import io.steelmill.processor.model.Key;
import io.steelmill.processor.model.Resolution;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.lang.model.type.TypeMirror;

/**
 * The accessor of each key of a generated factory class: {@code getIndex()}, or the entry point
 * itself ({@code store()}) when the factory interface returns that key, so an entry point costs
 * no extra method. Such an entry point keeps what it returned in a field of its own (read and
 * written with acquire and release semantics: see {@code ScopeWriter.plainMemo}), so a repeated
 * call is one field read, as fast as a hand-written field (unless the class has no
 * room left for the fields: see {@link ClassBudget}; a child factory's class keeps none, see the
 * constructor). A child factory's generated code calls its
 * parent's accessors, so the names are computed from the graph alone.
 */
final class Accessors {
  /** Names of the generated class's own fields, which no memo field may take. */
  private static final Set<String> RESERVED =
      Set.of("MODE", "CHILDREN", "BINDINGS", "ambient", "parentFactory", "built");

  private final AccessorNames names;
  private final Map<Key, EntryPoint> entryAccessors = new LinkedHashMap<>();
  private final boolean memoFields;

  private Accessors(BindingGraph graph, AccessorNames names, boolean entryPoints) {
    this.names = names;
    if (entryPoints) {
      for (EntryPoint entryPoint : graph.factory().entryPoints()) {
        Key key = entryPoint.request().key();
        if (memoizable(graph, entryPoint) && !entryAccessors.containsKey(key)) {
          entryAccessors.put(key, entryPoint);
        }
      }
    }
    // a child node is made per lease, plugin or request and its entry points are mostly called
    // once: a memo field would cost each first call a volatile write (a fence) and buy nothing
    this.memoFields =
        graph.parent() == null && ClassBudget.fitsMemoFields(graph, entryAccessors.size());
  }

  /** The accessors of a factory's own class, entry points memoized. */
  static Accessors of(BindingGraph graph) {
    return of(graph, AccessorNames.of(graph));
  }

  /** The same, with the graph's names made already: a graph can have thousands of keys. */
  static Accessors of(BindingGraph graph, AccessorNames names) {
    return new Accessors(graph, names, true);
  }

  /** The accessors of a factory's nested ambient class: no entry points there. */
  static Accessors ofAmbient(BindingGraph graph, AccessorNames names) {
    return new Accessors(graph, names, false);
  }

  /** {@code getIndex}, or the name of the entry point that is the key's accessor. */
  String name(Key key) {
    EntryPoint entryPoint = entryAccessors.get(key);
    return entryPoint != null ? entryPoint.name() : names.accessor(key);
  }

  /** The entry point that is {@code key}'s accessor, or null. */
  EntryPoint entryPointFor(Key key) {
    return entryAccessors.get(key);
  }

  /** Whether entry points keep their instance in a field (the class has room for the fields). */
  boolean memoFields() {
    return memoFields;
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
    TypeMirror returned = entryPoint.returnType();
    // the key's name is its type's toString(): the same text for the same type, compared without
    // making a name per comparison; int is never Integer's
    return !returned.getKind().isPrimitive() && returned.toString().equals(key.typeName());
  }
}
