package io.steelmill.processor.validation;

import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.diagnostics.ErrorCode;
import io.steelmill.processor.diagnostics.TypeNames;
import io.steelmill.processor.model.Annotations;
import io.steelmill.processor.model.BindingKind;
import io.steelmill.processor.model.BindingReader;
import io.steelmill.processor.model.ConstructorChoice;
import io.steelmill.processor.model.Key;
import io.steelmill.processor.model.Mode;
import io.steelmill.processor.model.SimulatorModule;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Checks {@code @Production} / {@code @Simulation}: on a binding, not both and without a value;
 * on an interface, a value that implements it and can be constructed.
 */
public final class ModeAnnotationValidator {
  private final Types types;
  private final SimulatorModule simulator;

  public ModeAnnotationValidator(Types types, SimulatorModule simulator) {
    this.types = types;
    this.simulator = simulator;
  }

  /** For a {@code @Daemon} class or a {@code @Provides} method. */
  public static List<Diagnostic> validateBinding(Element element) {
    List<Diagnostic> out = new ArrayList<>();
    String name = element.getSimpleName().toString();
    if (Annotations.has(element, Annotations.PRODUCTION)
        && Annotations.has(element, Annotations.SIMULATION)) {
      out.add(
          Diagnostic.of(
              ErrorCode.BothModes,
              element,
              ErrorCode.BothModes.describe(name),
              "",
              ErrorCode.BothModes.fix()));
    }
    if (Annotations.booleanValue(
        Annotations.modeAnnotation(element, Mode.SIMULATION), "bySimulator")) {
      out.add(
          Diagnostic.of(
              ErrorCode.ModeWithoutEffect,
              element,
              ErrorCode.ModeWithoutEffect.describe(
                  "Simulation(bySimulator = true)",
                  name,
                  "only an interface's simulated binding can come from the simulator"),
              "",
              ErrorCode.ModeWithoutEffect.fix("write @Simulation without bySimulator.")));
    }
    for (Mode mode : Mode.values()) {
      AnnotationMirror annotation = Annotations.modeAnnotation(element, mode);
      TypeMirror value = Annotations.classValue(annotation, "value");
      if (value != null) {
        out.add(
            Diagnostic.of(
                ErrorCode.ModeValueMisplaced,
                element,
                ErrorCode.ModeValueMisplaced.describe(
                    mode.annotationName(), TypeNames.simple(value.toString()), name),
                "",
                ErrorCode.ModeValueMisplaced.fix(name)));
      }
    }
    return out;
  }

  /**
   * For any element carrying a mode annotation: an error for each one that would change nothing.
   * Only a {@code @Daemon} class, a {@code @Provides} method and an interface naming its
   * implementation exist per mode; anywhere else the annotation would be silently ignored.
   */
  public static List<Diagnostic> withoutEffect(Element element) {
    List<Diagnostic> out = new ArrayList<>();
    if (Annotations.has(element, Annotations.DAEMON)
        || Annotations.has(element, Annotations.PROVIDES)) {
      return out;
    }
    String name = element.getSimpleName().toString();
    for (Mode mode : Mode.values()) {
      AnnotationMirror annotation = Annotations.modeAnnotation(element, mode);
      if (annotation == null) {
        continue;
      }
      String reason;
      String fix;
      if (Annotations.has(element, Annotations.FACTORY)) {
        reason = "a factory is generated for the build's mode (-Asteelmill.mode) and checked in"
            + " both";
        fix = "remove @" + mode.annotationName() + "; mark the bindings that differ instead.";
      } else if (element.getKind() == ElementKind.INTERFACE) {
        if (Annotations.classValue(annotation, "value") != null
            || Annotations.booleanValue(annotation, "bySimulator")) {
          continue;
        }
        reason = "on an interface it must name the implementation to use in that mode";
        fix = "write @" + mode.annotationName() + "(Impl.class), or remove it.";
      } else {
        reason = "only a @Daemon class, a @Provides method or an interface naming its"
            + " implementation exists in one mode";
        fix = "add @Daemon (or @Provides to the method), or remove @" + mode.annotationName() + ".";
      }
      out.add(
          Diagnostic.of(
              ErrorCode.ModeWithoutEffect,
              element,
              ErrorCode.ModeWithoutEffect.describe(mode.annotationName(), name, reason),
              "",
              ErrorCode.ModeWithoutEffect.fix(fix)));
    }
    return out;
  }

  /**
   * {@code @Simulation(bySimulator = true)} on an interface being compiled: right only when the
   * simulator's module binds it, which it does only for Steelmill's own platform interfaces (and
   * the runtime that declares them is not compiled with this processor).
   */
  private void bySimulator(TypeElement iface, List<Diagnostic> out) {
    String name = iface.getSimpleName().toString();
    AnnotationMirror annotation = Annotations.modeAnnotation(iface, Mode.SIMULATION);
    if (Annotations.classValue(annotation, "value") != null) {
      out.add(
          Diagnostic.of(
              ErrorCode.SimulatorLacksBinding,
              iface,
              ErrorCode.SimulatorLacksBinding.describe(
                  name, "it also names an implementation, and a binding comes from one place"),
              "",
              ErrorCode.SimulatorLacksBinding.fix(name)));
      return;
    }
    Key key = new BindingReader(types).key(iface.asType(), null);
    boolean bound =
        simulator.module() != null
            && simulator.bindings(key, iface).stream()
                .anyMatch(binding -> binding.kind() == BindingKind.PROVIDES);
    if (!bound) {
      String reason =
          simulator.module() == null
              ? "the simulator (" + SimulatorModule.ARTIFACT + ") is not on the class path, and"
                  + " it binds only Steelmill's own platform interfaces"
              : SimulatorModule.NAME + " has no @Simulation @Provides method returning it";
      out.add(
          Diagnostic.of(
              ErrorCode.SimulatorLacksBinding,
              iface,
              ErrorCode.SimulatorLacksBinding.describe(name, reason),
              "",
              ErrorCode.SimulatorLacksBinding.fix(name)));
    }
  }

  /** For any element carrying a mode annotation that is an interface. */
  public List<Diagnostic> validateInterface(TypeElement iface) {
    List<Diagnostic> out = new ArrayList<>();
    if (SimulatorModule.suppliesSimulationOf(iface)) {
      bySimulator(iface, out);
    }
    for (Mode mode : Mode.values()) {
      AnnotationMirror annotation = Annotations.modeAnnotation(iface, mode);
      TypeMirror value = Annotations.classValue(annotation, "value");
      if (value == null) {
        continue;
      }
      String implementation = TypeNames.simple(value.toString());
      String name = iface.getSimpleName().toString();
      TypeElement type = Annotations.typeElement(value);
      if (!types.isAssignable(types.erasure(value), types.erasure(iface.asType()))) {
        out.add(
            Diagnostic.of(
                ErrorCode.ImplementationMismatch,
                iface,
                ErrorCode.ImplementationMismatch.describe(mode.annotationName(), implementation, name),
                "",
                ErrorCode.ImplementationMismatch.fix(name)));
        continue;
      }
      String problem = type == null ? "it is not a class" : DaemonValidator.notConstructible(type);
      if (problem == null && type.getKind() == ElementKind.CLASS) {
        ConstructorChoice choice = ConstructorChoice.of(type);
        if (choice.constructor() == null) {
          problem =
              choice.isAmbiguous()
                  ? "it has " + choice.candidates() + " constructors and none is @Inject"
                  : choice.problem();
        }
      } else if (problem != null) {
        problem = "it is " + problem;
      }
      if (problem != null) {
        out.add(
            Diagnostic.of(
                ErrorCode.ImplementationNotConstructible,
                iface,
                ErrorCode.ImplementationNotConstructible.describe(
                    mode.annotationName(), implementation, name, problem),
                "",
                ErrorCode.ImplementationNotConstructible.fix()));
      }
    }
    return out;
  }
}
