package io.steelmill.processor.validation;

import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.diagnostics.ErrorCode;
import io.steelmill.processor.model.AccessorNames;
import io.steelmill.processor.model.BindingGraph;
import io.steelmill.processor.model.EntryPoint;
import io.steelmill.processor.model.Key;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * An entry point named like a binding accessor of the generated class ({@code getDisk()}) must
 * be that accessor: same key, no provider. Anything else would not compile.
 */
final class EntryPointClashRule implements GraphRule {
  @Override
  public void check(BindingGraph graph, List<Diagnostic> out) {
    AccessorNames names = AccessorNames.of(graph);
    for (EntryPoint entryPoint : graph.factory().entryPoints()) {
      Key key = names.keyOfAccessor(entryPoint.name());
      if (key == null) {
        continue;
      }
      boolean same = key.equals(entryPoint.request().key()) && !entryPoint.request().isProvider();
      if (!same) {
        out.add(
            Diagnostic.of(
                ErrorCode.EntryPointNameClash,
                entryPoint.method(),
                ErrorCode.EntryPointNameClash.describe(
                    entryPoint.name() + "()", "the accessor for " + key.displayName()),
                "",
                ErrorCode.EntryPointNameClash.fix()));
      }
    }
    defaultMethods(graph.factory().element(), graph.factory().element(), names, out,
        new HashSet<>());
  }

  /**
   * A default method named like an accessor ({@code default Disk getDisk()}) would be replaced
   * by the generated accessor silently, or clash with it.
   */
  private static void defaultMethods(TypeElement factory, TypeElement type, AccessorNames names,
      List<Diagnostic> out, Set<TypeElement> seen) {
    if (!seen.add(type)) {
      return;
    }
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      Key key = names.keyOfAccessor(method.getSimpleName().toString());
      if (key != null && method.getModifiers().contains(Modifier.DEFAULT)
          && method.getParameters().isEmpty()) {
        out.add(
            Diagnostic.of(
                ErrorCode.EntryPointNameClash,
                type.equals(factory) ? method : factory,
                ErrorCode.EntryPointNameClash.describe(
                    "default method " + type.getSimpleName() + "." + method.getSimpleName()
                        + "()", "the accessor for " + key.displayName()),
                "",
                ErrorCode.EntryPointNameClash.fix()));
      }
    }
    for (TypeMirror superinterface : type.getInterfaces()) {
      if (superinterface instanceof DeclaredType declared
          && declared.asElement() instanceof TypeElement element) {
        defaultMethods(factory, element, names, out, seen);
      }
    }
  }
}
