package io.steelmill.processor;

import com.google.auto.service.AutoService;
import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.diagnostics.Diagnostics;
import io.steelmill.processor.diagnostics.ErrorCode;
import io.steelmill.processor.diagnostics.LintRule;
import io.steelmill.processor.lint.DeterminismLint;
import io.steelmill.processor.model.Annotations;
import io.steelmill.processor.model.BindingReader;
import io.steelmill.processor.model.EntryPointTypes;
import io.steelmill.processor.model.FactoryReader;
import io.steelmill.processor.model.GraphBuilder;
import io.steelmill.processor.model.Mode;
import io.steelmill.processor.model.SimulatorModule;
import io.steelmill.processor.validation.DaemonValidator;
import io.steelmill.processor.validation.FactoryValidator;
import io.steelmill.processor.validation.ModeAnnotationValidator;
import io.steelmill.processor.validation.ProvidesValidator;
import io.steelmill.processor.validation.QualifierPlacement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * The Steelmill annotation processor. Each round it validates every annotated element, then takes
 * each {@code @Factory} through {@link FactoryStep}. A factory that reaches a type not generated
 * yet (by another processor) is deferred, by name, to the next round, and reported as {@link
 * ErrorCode#UndefinedType} only if the type never appears. An unexpected exception never escapes:
 * it becomes {@link ErrorCode#ProcessorCrash} on the element being processed.
 *
 * <p>Options ({@link ProcessorOptions}, each value checked): {@code
 * -Asteelmill.mode=production|simulation} (default production), {@code
 * -Asteelmill.strict=true|false} and {@code -Asteelmill.lint=simulation|all} for the lint.
 */
@AutoService(Processor.class)
public final class SteelmillProcessor extends AbstractProcessor {
  private static final String VERSION = version();

  private Diagnostics diagnostics;
  private Mode mode;
  private FactoryStep factoryStep;
  private FactoryReader factoryReader;
  private BindingReader bindingReader;
  private DeterminismLint lint;
  private final Set<String> deferred = new LinkedHashSet<>();
  /** Interfaces whose mode annotation names a class not defined yet, judged in a later round. */
  private final Set<String> modalDeferred = new LinkedHashSet<>();
  /** Provides methods seen, as owner name and method name: elements are re-read per round. */
  private final List<String[]> providesSeen = new ArrayList<>();
  private final Set<String> modulesListed = new LinkedHashSet<>();
  private boolean sawFactory;
  /** The test hook's element name; empty when not set. */
  private String crashOn = "";
  /** Set when the processor itself cannot work (its path is incomplete): it stops, reported. */
  private boolean broken;
  /** The lint this compiler cannot run, until a daemon it would have linted says so. */
  private DeterminismLint lintUnavailable;
  /** Wrong option values, until the first round reports them. */
  private List<Diagnostic> optionProblems;
  /** Factories whose own declaration is wrong: their graph would mean nothing. */
  private final Set<String> invalidFactories = new LinkedHashSet<>();
  /** The simulator's platform module, looked up once per compilation. */
  private SimulatorModule simulator;

  /** The annotations each round looks for. */
  static final Set<String> ANNOTATIONS = Set.of(
      Annotations.DAEMON,
      Annotations.AMBIENT,
      Annotations.PROVIDES,
      Annotations.FACTORY,
      Annotations.PRODUCTION,
      Annotations.SIMULATION,
      Annotations.NAMED);

  /**
   * Steelmill's annotations only: Gradle's aggregating mode records only the files that use them
   * as inputs (with {@code "*"} it took every file, and rebuilt everything whenever one used a
   * source-retention annotation such as {@code @Override}). Compilations without them (test
   * sources given the {@code -Asteelmill.*} options by a profile) are {@link
   * SteelmillOptionsProcessor}'s. None is claimed: a claim that leaves javac no annotation to
   * match ends its search for processors in that round, so a later one (another processor
   * generating a {@code @Daemon} class) would never run.
   */
  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return ANNOTATIONS;
  }

  @Override
  public Set<String> getSupportedOptions() {
    return ProcessorOptions.ALL;
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public synchronized void init(javax.annotation.processing.ProcessingEnvironment environment) {
    super.init(environment);
    diagnostics = new Diagnostics(processingEnv.getMessager());
    try {
      start();
    } catch (Throwable failure) {
      diagnostics.error(Failures.of(failure, null, VERSION).text(), null);
      broken = true;
    }
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (optionProblems != null) {
      SteelmillOptionsProcessor.reported(processingEnv.getMessager());
      optionProblems.forEach(problem -> diagnostics.error(problem.text(), null));
      optionProblems = null;
    }
    if (broken) {
      return false;
    }
    try {
      bindingReader.newRound();
      factoryReader.newRound();
      factoryStep.newRound();
      Map<String, Set<Element>> annotated = annotated(round);
      validateElements(annotated, round.processingOver());
      processFactories(annotated);
      if (round.processingOver()) {
        finish();
      }
    } catch (Throwable failure) {
      diagnostics.error(Failures.of(failure, null, VERSION).text(), null);
      broken = true;
    }
    return false;
  }

  private void start() {
    ProcessorOptions options = ProcessorOptions.parse(processingEnv.getOptions());
    // reported on the first round this processor runs, not here: javac initializes it in
    // compilations that use no Steelmill annotation too, where SteelmillOptionsProcessor reports
    optionProblems = options.problems();
    mode = options.mode();
    crashOn = processingEnv.getOptions().getOrDefault(ProcessorOptions.CRASH_TEST, "");
    if (mode == Mode.SIMULATION || options.lintAll()) {
      lint = new DeterminismLint(processingEnv, options.strict());
      if (!lint.isAvailable()) {
        // said at the first daemon it cannot lint, not here: a compilation with nothing to lint
        // (test sources, another module) has nothing to warn about
        lintUnavailable = lint;
        lint = null;
      }
    }
    BindingReader bindings = new BindingReader(processingEnv.getTypeUtils());
    bindingReader = bindings;
    FactoryReader factories = new FactoryReader(processingEnv.getElementUtils(), bindings,
        new EntryPointTypes(processingEnv.getTypeUtils()));
    factoryReader = factories;
    simulator = new SimulatorModule(processingEnv.getElementUtils(), bindings);
    factoryStep =
        new FactoryStep(
            factories,
            new GraphBuilder(bindings, factories, simulator),
            diagnostics,
            processingEnv.getFiler(),
            processingEnv.getElementUtils());
  }

  private void validateElements(Map<String, Set<Element>> annotated, boolean last) {
    DaemonValidator daemons = new DaemonValidator();
    for (Element element : annotated.get(Annotations.DAEMON)) {
      guard(element, () -> daemons.validate(element).forEach(diagnostics::add));
      if (lintUnavailable != null && element instanceof TypeElement
          && Annotations.modesOf(element).contains(mode)) {
        processingEnv.getMessager().printMessage(
            lintUnavailable.kind(), LintRule.Unavailable.message("This compiler"));
        lintUnavailable = null;
      }
      // a daemon of the other mode never runs in this build: linting it only made false alarms
      // (a @Production daemon reading the system clock, in every simulation build)
      if (lint != null && element instanceof TypeElement daemon
          && Annotations.modesOf(daemon).contains(mode)) {
        guard(element, () -> lint.check(daemon));
      }
    }
    for (Element element : annotated.get(Annotations.AMBIENT)) {
      if (!Annotations.has(element, Annotations.DAEMON)) {
        String name = element.getSimpleName().toString();
        diagnostics.add(
            Diagnostic.of(
                ErrorCode.AmbientWithoutDaemon,
                element,
                ErrorCode.AmbientWithoutDaemon.describe(name),
                "",
                ErrorCode.AmbientWithoutDaemon.fix(name)));
      }
    }
    ProvidesValidator provides = new ProvidesValidator();
    for (Element element : annotated.get(Annotations.PROVIDES)) {
      guard(
          element,
          () -> {
            provides.validate((ExecutableElement) element).forEach(diagnostics::add);
            if (lint != null && Annotations.modesOf(element).contains(mode)) {
              lint.checkProvides((ExecutableElement) element);
            }
            providesSeen.add(
                new String[] {
                  ((TypeElement) element.getEnclosingElement()).getQualifiedName().toString(),
                  element.getSimpleName().toString()
                });
          });
    }
    ModeAnnotationValidator modes = new ModeAnnotationValidator(processingEnv.getTypeUtils(), simulator);
    Set<Element> modal = new LinkedHashSet<>(annotated.get(Annotations.PRODUCTION));
    modal.addAll(annotated.get(Annotations.SIMULATION));
    for (String name : modalDeferred) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type != null) {
        modal.add(type);
      }
    }
    modalDeferred.clear();
    for (Element element : modal) {
      if (namesUndefinedImplementation(element)) {
        // another processor may generate it: judge it in a later round; in the last, javac
        // reports the missing class itself
        if (!last && element instanceof TypeElement type) {
          modalDeferred.add(type.getQualifiedName().toString());
        }
        continue;
      }
      guard(element, () -> validateModal(element, modes));
    }
    for (Element element : annotated.get(Annotations.NAMED)) {
      guard(element, () -> QualifierPlacement.check(element).forEach(diagnostics::add));
    }
    FactoryValidator factories =
        new FactoryValidator(new EntryPointTypes(processingEnv.getTypeUtils()));
    for (Element element : annotated.get(Annotations.FACTORY)) {
      sawFactory = true;
      guard(element, () -> {
        List<Diagnostic> problems = factories.validate(element);
        problems.forEach(diagnostics::add);
        if (!problems.isEmpty() && element instanceof TypeElement factory) {
          invalidFactories.add(factory.getQualifiedName().toString());
        }
      });
      for (TypeMirror module :
          Annotations.classValues(Annotations.find(element, Annotations.FACTORY), "modules")) {
        modulesListed.add(module.toString());
      }
    }
    diagnostics.flush();
  }

  private static boolean namesUndefinedImplementation(Element element) {
    return Annotations.hasUndefinedClassValue(Annotations.modeAnnotation(element, Mode.PRODUCTION))
        || Annotations.hasUndefinedClassValue(Annotations.modeAnnotation(element, Mode.SIMULATION));
  }

  private void validateModal(Element element, ModeAnnotationValidator modes) {
    ModeAnnotationValidator.withoutEffect(element).forEach(diagnostics::add);
    if (element.getKind() == ElementKind.INTERFACE
        && !Annotations.has(element, Annotations.FACTORY)) {
      modes.validateInterface((TypeElement) element).forEach(diagnostics::add);
      TypeElement implementation = Annotations.typeElement(
          Annotations.classValue(Annotations.modeAnnotation(element, mode), "value"));
      if (lint != null && implementation != null) {
        lint.check(implementation);
      }
    }
  }

  private void processFactories(Map<String, Set<Element>> annotated) {
    Set<TypeElement> factories = new LinkedHashSet<>();
    for (String name : deferred) {
      TypeElement element = processingEnv.getElementUtils().getTypeElement(name);
      if (element != null) {
        factories.add(element);
      }
    }
    deferred.clear();
    for (Element element : annotated.get(Annotations.FACTORY)) {
      if (element.getKind() == ElementKind.INTERFACE) {
        factories.add((TypeElement) element);
      }
    }
    for (TypeElement factory : factories) {
      guard(
          factory,
          () -> {
            if (invalidFactories.contains(factory.getQualifiedName().toString())) {
              return;
            }
            // a module another processor generated is defined only in a later round
            for (TypeMirror module : Annotations.classValues(
                Annotations.find(factory, Annotations.FACTORY), "modules")) {
              modulesListed.add(module.toString());
            }
            FactoryStep.Outcome outcome =
                factoryStep.process(factory, mode);
            if (outcome == FactoryStep.Outcome.DEFERRED) {
              deferred.add(factory.getQualifiedName().toString());
            }
          });
    }
  }

  private void finish() {
    for (String name : deferred) {
      TypeElement element = processingEnv.getElementUtils().getTypeElement(name);
      String simple = element == null ? name : element.getSimpleName().toString();
      diagnostics.error(
          Diagnostic.of(
                  ErrorCode.UndefinedType,
                  element,
                  ErrorCode.UndefinedType.describe(simple),
                  "",
                  ErrorCode.UndefinedType.fix(simple))
              .text(),
          element);
    }
    if (sawFactory) {
      for (String[] seen : providesSeen) {
        TypeElement owner = processingEnv.getElementUtils().getTypeElement(seen[0]);
        if (owner == null
            || Annotations.has(owner, Annotations.FACTORY)
            || modulesListed.contains(seen[0])) {
          continue;
        }
        for (ExecutableElement method :
            javax.lang.model.util.ElementFilter.methodsIn(owner.getEnclosedElements())) {
          if (method.getSimpleName().contentEquals(seen[1])
              && Annotations.has(method, Annotations.PROVIDES)) {
            diagnostics.error(ProvidesValidator.notListed(method).text(), method);
          }
        }
      }
    }
  }

  /**
   * The elements of this round carrying each of the processor's annotations, by annotation name
   * (an empty set for each one absent), in the order javac's scan meets them. One scan of the
   * round's classes for all seven annotations: {@code getElementsAnnotatedWith} walks every root
   * element and its members per call (1,000 classes in the benchmark graph). None of the
   * annotations is {@code @Inherited}, so an element's own mirrors say which it carries.
   */
  private Map<String, Set<Element>> annotated(RoundEnvironment round) {
    Map<String, Set<Element>> byName = new HashMap<>();
    Map<Element, Set<Element>> byType = new LinkedHashMap<>();
    for (String name : ANNOTATIONS) {
      Set<Element> elements = new LinkedHashSet<>();
      byName.put(name, elements);
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type != null) {
        byType.put(type, elements);
      }
    }
    if (byType.isEmpty()) {
      return byName;
    }
    TypeElement[] types = byType.keySet().toArray(TypeElement[]::new);
    for (Element element : round.getElementsAnnotatedWithAny(types)) {
      for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
        Set<Element> into = byType.get(mirror.getAnnotationType().asElement());
        if (into != null) {
          into.add(element);
        }
      }
    }
    return byName;
  }

  /**
   * Runs {@code work}; anything it throws becomes one error on {@code element}: ProcessorCrash,
   * or ProcessorPathIncomplete when a class of a dependency is missing.
   */
  private void guard(Element element, Work work) {
    try {
      if (element.getSimpleName().contentEquals(crashOn)) {
        throw new IllegalStateException("crash requested by " + ProcessorOptions.CRASH_TEST);
      }
      work.run();
    } catch (Throwable crash) {
      diagnostics.error(Failures.of(crash, element, VERSION).text(), element);
    }
  }

  @FunctionalInterface
  private interface Work {
    void run() throws Exception;
  }

  private static String version() {
    String version = SteelmillProcessor.class.getPackage().getImplementationVersion();
    return version == null ? "(development build)" : version;
  }
}
