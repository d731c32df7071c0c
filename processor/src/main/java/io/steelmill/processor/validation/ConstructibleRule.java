package io.steelmill.processor.validation;

import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.model.Annotations;
import io.steelmill.processor.model.Binding;
import io.steelmill.processor.model.BindingGraph;
import io.steelmill.processor.model.BindingKind;
import io.steelmill.processor.model.ConstructorChoice;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * Every class the graph constructs can be constructed. The element check of {@code @Daemon}
 * classes says the same when it sees the class in this compilation; this rule also covers a class
 * seen in an earlier round, from a class file, or named by {@code @Production(Impl.class)}, so
 * that no binding without a constructor to call ever reaches the writer; and none of them has an
 * {@code @Inject} field or method, which the factory would ignore.
 */
final class ConstructibleRule implements GraphRule {
  @Override
  public void check(BindingGraph graph, List<Diagnostic> out) {
    for (Binding binding : graph.localBindings()) {
      if (binding.kind() == BindingKind.CONSTRUCTOR
          && binding.element() instanceof TypeElement type) {
        // a binding holds the constructor its class's choice made, or null when there was none:
        // with one, only the kind of class can be wrong, and the choice need not be made again
        Diagnostic problem =
            binding.executable() == null
                ? Constructibility.problem(type)
                : Constructibility.problem(type, ConstructorChoice.chosen(binding.executable()));
        if (problem != null) {
          out.add(problem);
        }
        out.addAll(InjectPlacement.check(type));
        if (Annotations.has(type, Annotations.DAEMON)) {
          // the element check does this for a daemon in the sources; this one may be compiled
          out.addAll(ModeAnnotationValidator.validateBinding(type));
        }
      }
    }
  }
}
