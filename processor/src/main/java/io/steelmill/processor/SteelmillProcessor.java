package io.steelmill.processor;

import com.google.auto.service.AutoService;
import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.diagnostics.Diagnostics;
import io.steelmill.processor.diagnostics.ErrorCode;
import io.steelmill.processor.diagnostics.LintRule;
import io.steelmill.processor.lint.DeterminismLint;
import io.steelmill.processor.model.Annotations;
import io.steelmill.processor.model.BindingReader;
import io.steelmill.processor.model.FactoryReader;
import io.steelmill.processor.model.GraphBuilder;
import io.steelmill.processor.model.Mode;
import io.steelmill.processor.validation.DaemonValidator;
import io.steelmill.processor.validation.FactoryValidator;
import io.steelmill.processor.validation.ModeAnnotationValidator;
import io.steelmill.processor.validation.ProvidesValidator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
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
 * <p>Options: {@code -Asteelmill.mode=production|simulation} (default production).
 */
@AutoService(Processor.class)
public final class SteelmillProcessor extends AbstractProcessor {
  private static final String VERSION = version();

  private Diagnostics diagnostics;
  private Mode mode;
  private FactoryStep factoryStep;
  private DeterminismLint lint;
  private final Set<String> deferred = new LinkedHashSet<>();
  /** Provides methods seen, as owner name and method name: elements are re-read per round. */
  private final List<String[]> providesSeen = new ArrayList<>();
  private final Set<String> modulesListed = new LinkedHashSet<>();
  private boolean sawFactory;
  /** Factories whose own declaration is wrong: their graph would mean nothing. */
  private final Set<String> invalidFactories = new LinkedHashSet<>();

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(
        Annotations.DAEMON,
        Annotations.AMBIENT,
        Annotations.PROVIDES,
        Annotations.FACTORY,
        Annotations.PRODUCTION,
        Annotations.SIMULATION);
  }

  /**
   * Test hook, not for users: the processor throws while processing the element of this simple
   * name, so that tests can check that a crash becomes a ProcessorCrash error and never escapes.
   */
  static final String CRASH_TEST_OPTION = "steelmill.internal.crashOn";

  /** {@code true}: the determinism lint reports errors instead of warnings. */
  static final String STRICT_OPTION = "steelmill.strict";

  /** {@code all}: run the determinism lint in production builds too (it always runs in simulation). */
  static final String LINT_OPTION = "steelmill.lint";

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(Mode.OPTION, CRASH_TEST_OPTION, STRICT_OPTION, LINT_OPTION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public synchronized void init(javax.annotation.processing.ProcessingEnvironment environment) {
    super.init(environment);
    start();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    validateElements(round);
    processFactories(round);
    if (round.processingOver()) {
      finish();
    }
    return false;
  }

  private void start() {
    diagnostics = new Diagnostics(processingEnv.getMessager());
    String option = processingEnv.getOptions().getOrDefault(Mode.OPTION, "production");
    mode = Mode.parse(option).orElse(null);
    if (mode == null) {
      diagnostics.error(
          Diagnostic.of(
                  ErrorCode.UnknownMode, null, ErrorCode.UnknownMode.describe(option), "",
                  ErrorCode.UnknownMode.fix())
              .text(),
          null);
    }
    boolean lintAll = "all".equalsIgnoreCase(processingEnv.getOptions().get(LINT_OPTION));
    if (mode == Mode.SIMULATION || lintAll) {
      boolean strict = Boolean.parseBoolean(processingEnv.getOptions().get(STRICT_OPTION));
      lint = new DeterminismLint(processingEnv, strict);
      if (!lint.isAvailable()) {
        processingEnv.getMessager().printMessage(lint.kind(), LintRule.Unavailable.message("This compiler"));
        lint = null;
      }
    }
    BindingReader bindings = new BindingReader(processingEnv.getTypeUtils());
    FactoryReader factories = new FactoryReader(processingEnv.getElementUtils(), bindings);
    factoryStep =
        new FactoryStep(
            factories,
            new GraphBuilder(bindings, factories),
            diagnostics,
            processingEnv.getFiler());
  }

  private void validateElements(RoundEnvironment round) {
    DaemonValidator daemons = new DaemonValidator();
    for (Element element : annotated(round, Annotations.DAEMON)) {
      guard(element, () -> daemons.validate(element).forEach(diagnostics::add));
      if (lint != null && element instanceof TypeElement daemon) {
        guard(element, () -> lint.check(daemon));
      }
    }
    ProvidesValidator provides = new ProvidesValidator();
    for (Element element : annotated(round, Annotations.PROVIDES)) {
      guard(
          element,
          () -> {
            provides.validate((ExecutableElement) element).forEach(diagnostics::add);
            providesSeen.add(
                new String[] {
                  ((TypeElement) element.getEnclosingElement()).getQualifiedName().toString(),
                  element.getSimpleName().toString()
                });
          });
    }
    ModeAnnotationValidator modes = new ModeAnnotationValidator(processingEnv.getTypeUtils());
    Set<Element> modal = new LinkedHashSet<>(annotated(round, Annotations.PRODUCTION));
    modal.addAll(annotated(round, Annotations.SIMULATION));
    for (Element element : modal) {
      guard(element, () -> validateModal(element, modes));
    }
    FactoryValidator factories = new FactoryValidator();
    for (Element element : annotated(round, Annotations.FACTORY)) {
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

  private void validateModal(Element element, ModeAnnotationValidator modes) {
    if (element.getKind() == ElementKind.INTERFACE) {
      modes.validateInterface((TypeElement) element).forEach(diagnostics::add);
    } else if (!Annotations.has(element, Annotations.DAEMON)
        && !Annotations.has(element, Annotations.PROVIDES)) {
      ModeAnnotationValidator.validateBinding(element).forEach(diagnostics::add);
    }
  }

  private void processFactories(RoundEnvironment round) {
    Set<TypeElement> factories = new LinkedHashSet<>();
    for (String name : deferred) {
      TypeElement element = processingEnv.getElementUtils().getTypeElement(name);
      if (element != null) {
        factories.add(element);
      }
    }
    deferred.clear();
    for (Element element : annotated(round, Annotations.FACTORY)) {
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

  private Set<Element> annotated(RoundEnvironment round, String annotation) {
    TypeElement type = processingEnv.getElementUtils().getTypeElement(annotation);
    return type == null ? Set.of() : new LinkedHashSet<>(round.getElementsAnnotatedWith(type));
  }

  /** Runs {@code work}; anything it throws becomes a ProcessorCrash error on {@code element}. */
  private void guard(Element element, Work work) {
    try {
      if (element.getSimpleName().contentEquals(
          processingEnv.getOptions().getOrDefault(CRASH_TEST_OPTION, ""))) {
        throw new IllegalStateException("crash requested by " + CRASH_TEST_OPTION);
      }
      work.run();
    } catch (Throwable crash) {
      StringWriter stack = new StringWriter();
      crash.printStackTrace(new PrintWriter(stack));
      String name = element.getSimpleName().toString();
      diagnostics.error(
          Diagnostic.of(
                  ErrorCode.ProcessorCrash,
                  element,
                  ErrorCode.ProcessorCrash.describe(VERSION, name, stack),
                  "",
                  ErrorCode.ProcessorCrash.fix(name))
              .text(),
          element);
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
