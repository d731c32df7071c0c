package io.steelmill.processor;

import com.google.auto.service.AutoService;
import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.diagnostics.Diagnostics;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * Owns the {@code -Asteelmill.*} options in compilations without any Steelmill annotation (a
 * Maven profile passes them to every compilation of a module, test sources included). javac runs a
 * processor only where its annotations are used and, without one that declares an option, warns
 * "The following options were not recognized by any processor", which {@code -Werror} turns into
 * a failed build; it also checks their values there, so that a wrong one never passes silently.
 *
 * <p>Why a processor of its own: {@link SteelmillProcessor} used to support {@code "*"} for this,
 * which cost every Gradle user incremental compilation: its aggregating mode records every source
 * file as an input of a {@code "*"} processor, and rebuilds everything when any file uses a
 * source-retention annotation ({@code @Override}). This one writes nothing (Gradle: isolating)
 * and claims nothing; the other supports only Steelmill's annotations.
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
    return false;
  }
}
