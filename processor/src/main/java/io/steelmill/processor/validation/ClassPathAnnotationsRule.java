package io.steelmill.processor.validation;

import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.diagnostics.ErrorCode;
import io.steelmill.processor.diagnostics.TraceFormatter;
import io.steelmill.processor.diagnostics.TypeNames;
import io.steelmill.processor.model.Binding;
import io.steelmill.processor.model.BindingGraph;
import io.steelmill.processor.model.BindingKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;

/**
 * Every annotation on a provides method compiled before (a library's class file), and on the
 * parameters of such a method or constructor, is on the class path. javac keeps a missing one
 * without a word, as an annotation of an error type, whose own annotations cannot be read: a
 * qualifier the library's dependency declares ({@code @lib.Tag String}) then looked like no
 * qualifier, and the factory injected the unqualified key (another value, silently). In sources
 * javac reports it itself.
 */
final class ClassPathAnnotationsRule implements GraphRule {
  /**
   * Packages of annotations that are known not to be qualifiers (nullness, static analysis,
   * serialization, validation, documentation), often left off the class path on purpose
   * (provided or optional scope; the JVM ignores a missing annotation at run time): their absence
   * changes no key.
   */
  private static final List<String> NEVER_QUALIFIERS = List.of(
      "javax.annotation.", "jakarta.annotation.", "org.checkerframework.", "edu.umd.cs.findbugs.",
      "org.jetbrains.annotations.", "androidx.annotation.", "android.annotation.",
      "com.google.errorprone.annotations.", "com.google.j2objc.annotations.",
      "com.google.common.annotations.", "org.jspecify.", "org.eclipse.jdt.annotation.",
      "kotlin.", "lombok.", "com.fasterxml.jackson.", "javax.validation.", "jakarta.validation.",
      "io.swagger.", "org.apiguardian.");

  /** Read by name, not by what they are annotated with: their absence changes nothing. */
  private static final Set<String> BY_NAME = Set.of("jakarta.inject.Inject", "javax.inject.Inject");

  @Override
  public void check(BindingGraph graph, List<Diagnostic> out) {
    for (Binding binding : graph.localBindings()) {
      ExecutableElement executable = binding.executable();
      if ((binding.kind() != BindingKind.CONSTRUCTOR && binding.kind() != BindingKind.PROVIDES)
          || executable == null) {
        continue;
      }
      List<Element> annotated = new ArrayList<>(executable.getParameters());
      // A provides method's own annotations may hold its key's qualifier; a constructor's never
      // do (@Inject is read by name), and a library's constructor often carries annotations of
      // other frameworks (@com.google.inject.Inject, @Autowired, @ConstructorProperties) whose
      // jars are rightly absent here.
      if (binding.kind() == BindingKind.PROVIDES) {
        annotated.add(0, executable);
      }
      for (Element element : annotated) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
          if (mirror.getAnnotationType().getKind() != TypeKind.ERROR) {
            continue;
          }
          String name = mirror.getAnnotationType().toString();
          if (BY_NAME.contains(name) || NEVER_QUALIFIERS.stream().anyMatch(name::startsWith)) {
            continue;
          }
          out.add(missing(executable, element, name, TraceFormatter.trace(graph, binding.key())));
        }
      }
    }
  }

  private static Diagnostic missing(
      ExecutableElement executable, Element element, String name, String trace) {
    TypeElement owner = (TypeElement) executable.getEnclosingElement();
    String signature = TypeNames.simple(executable.getSimpleName().contentEquals("<init>")
        ? executable.toString()
        : owner.getSimpleName() + "." + executable);
    String subject = element == executable
        ? signature
        // by position: a class file compiled without -parameters names them arg0, arg1, ...
        : "Parameter " + (executable.getParameters().indexOf(element) + 1) + " of " + signature;
    return Diagnostic.of(
        ErrorCode.AnnotationMissing,
        element,
        ErrorCode.AnnotationMissing.describe(subject, name),
        trace,
        ErrorCode.AnnotationMissing.fix(name, owner.getQualifiedName()));
  }
}
