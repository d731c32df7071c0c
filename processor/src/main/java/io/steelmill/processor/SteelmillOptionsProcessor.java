package io.steelmill.processor;

import com.google.auto.service.AutoService;
import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.diagnostics.Diagnostics;
import io.steelmill.processor.model.Annotations;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Owns the {@code -Asteelmill.*} options in compilations without any Steelmill annotation (a
 * Maven profile passes them to every compilation of a module, test sources included). javac runs a
 * processor only where its annotations are used and, without one that declares an option, warns
 * "The following options were not recognized by any processor", which {@code -Werror} turns into
 * a failed build; it also checks their values there, so that a wrong one never passes silently.
 *
 * <p>Why a processor of its own: {@link SteelmillProcessor} used to support {@code "*"} for this,
 * which cost every user twice. Gradle's aggregating mode records every source file as an input of
 * a {@code "*"} processor and rebuilds everything when any file uses a source-retention annotation
 * ({@code @Override}); and a processor that supports {@code "*"} cannot claim its own annotations
 * (claiming {@code "*"} would hide every annotation from the processors after it), so {@code
 * -Xlint:all -Werror} failed every build on "No processor claimed any of these annotations". This
 * one generates nothing and claims nothing (Gradle: isolating); the other supports and claims only
 * Steelmill's annotations.
 */
@AutoService(Processor.class)
public final class SteelmillOptionsProcessor extends AbstractProcessor {
  /**
   * The compilations (by their messager, which every processor of one compilation shares) in
   * which {@link SteelmillProcessor} ran and so reported the options itself.
   */
  private static final Map<Object, Boolean> REPORTED =
      Collections.synchronizedMap(new WeakHashMap<>());

  /** Notes that {@code messager}'s compilation had its options reported. */
  static void reported(Object messager) {
    REPORTED.put(messager, Boolean.TRUE);
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("*");
  }

  @Override
  public Set<String> getSupportedOptions() {
    return ProcessorOptions.ALL;
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  /**
   * Reports wrong option values at the end, unless {@link SteelmillProcessor} ran (a round used a
   * Steelmill annotation) and reported them: once, not twice.
   */
  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (round.processingOver() && REPORTED.remove(processingEnv.getMessager()) == null) {
      Diagnostics diagnostics = new Diagnostics(processingEnv.getMessager());
      for (Diagnostic problem : ProcessorOptions.parse(processingEnv.getOptions()).problems()) {
        diagnostics.error(problem.text(), null);
      }
    }
    return onlyOurGeneratedFiles(annotations, round);
  }

  /**
   * Whether this round's annotations are only those of the factories Steelmill wrote ({@code
   * @Generated} with our name, and {@code java.lang}'s): then they are claimed, as nobody else's,
   * so that {@code -Xlint:all -Werror} does not fail the build on "No processor claimed any of
   * these annotations: javax.annotation.processing.Generated". A round with anything else claims
   * nothing.
   */
  private static boolean onlyOurGeneratedFiles(
      Set<? extends TypeElement> annotations, RoundEnvironment round) {
    TypeElement generated = null;
    for (TypeElement annotation : annotations) {
      String name = annotation.getQualifiedName().toString();
      if (name.equals(GeneratedFiles.GENERATED)) {
        generated = annotation;
      } else if (!name.startsWith("java.lang.")) {
        return false;
      }
    }
    if (generated == null) {
      return false;
    }
    for (Element element : round.getElementsAnnotatedWith(generated)) {
      AnnotationMirror mirror = Annotations.find(element, GeneratedFiles.GENERATED);
      if (mirror == null || !mirror.toString().contains(SteelmillProcessor.class.getName())) {
        return false;
      }
    }
    return true;
  }
}
