package io.steelmill.processor.writing;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
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
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;

/**
 * The accessor of each key of a generated factory class: {@code getIndex()}, or the entry point
 * itself ({@code store()}) when the factory interface returns that key, so an entry point costs
 * no extra method. Such an entry point keeps what it returned in a volatile field of its own,
 * so a repeated call is one field read, as fast as a hand-written field (unless the class has no
 * room left for the fields: see {@link ClassBudget}). A child factory's generated code calls its
 * parent's accessors, so the names are computed from the graph alone.
 */
final class Accessors {
  /** Names of the generated class's own fields, which no memo field may take. */
  private static final Set<String> RESERVED = Set.of("MODE", "BINDINGS", "ambient", "parentFactory");

  private final AccessorNames names;
  private final Map<Key, EntryPoint> entryAccessors = new LinkedHashMap<>();
  private final boolean memoFields;

  private Accessors(BindingGraph graph, boolean entryPoints) {
    this.names = AccessorNames.of(graph);
    if (entryPoints) {
      for (EntryPoint entryPoint : graph.factory().entryPoints()) {
        Key key = entryPoint.request().key();
        if (memoizable(graph, entryPoint) && !entryAccessors.containsKey(key)) {
          entryAccessors.put(key, entryPoint);
        }
      }
    }
    this.memoFields = ClassBudget.fitsMemoFields(graph, entryAccessors.size());
  }

  /** The accessors of a factory's own class, entry points memoized. */
  static Accessors of(BindingGraph graph) {
    return new Accessors(graph, true);
  }

  /** The accessors of a factory's nested ambient class: no entry points there. */
  static Accessors ofAmbient(BindingGraph graph) {
    return new Accessors(graph, false);
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
    TypeName returned = TypeName.get(entryPoint.method().getReturnType());
    return returned.equals(TypeName.get(key.type())) && !returned.isPrimitive();
  }

  /**
   * The implementation of an entry point (no parameters, no type variables: validation rejects
   * both), declaring no exception: it never throws a checked one, so code calling it through the
   * generated class (the simulation harness, a user) need not catch what {@code throws} names.
   */
  static MethodSpec.Builder implementing(ExecutableElement entryPoint) {
    return MethodSpec.methodBuilder(entryPoint.getSimpleName().toString())
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(TypeName.get(entryPoint.getReturnType()));
  }
}
