package io.steelmill.processor.validation;

import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.diagnostics.ErrorCode;
import io.steelmill.processor.model.ConstructorChoice;
import javax.lang.model.element.TypeElement;

/**
 * Whether a factory can construct a class: a concrete, non-generic, static class with one
 * constructor to call. Shared by the element check of {@code @Daemon} classes and the graph check
 * of every constructor binding, so that both report the same message, once.
 */
final class Constructibility {
  private Constructibility() {}

  /** The error that keeps {@code type} from being constructed, or null. */
  static Diagnostic problem(TypeElement type) {
    return problem(type, null);
  }

  /**
   * The error that keeps {@code type} from being constructed, or null; {@code choice} is its
   * constructor choice when the caller made it already (or null to make it here, only if needed).
   */
  static Diagnostic problem(TypeElement type, ConstructorChoice choice) {
    String name = type.getSimpleName().toString();
    String kind = DaemonValidator.notConstructible(type);
    if (kind != null) {
      return Diagnostic.of(
          ErrorCode.DaemonNotConstructible,
          type,
          ErrorCode.DaemonNotConstructible.describe(name, kind),
          "",
          ErrorCode.DaemonNotConstructible.fix());
    }
    if (choice == null) {
      choice = ConstructorChoice.of(type);
    }
    if (choice.isAmbiguous()) {
      return Diagnostic.of(
          ErrorCode.AmbiguousConstructor,
          type,
          ErrorCode.AmbiguousConstructor.describe(name, choice.candidates()),
          "",
          ErrorCode.AmbiguousConstructor.fix());
    }
    if (choice.constructor() == null) {
      return Diagnostic.of(
          ErrorCode.NoUsableConstructor,
          type,
          ErrorCode.NoUsableConstructor.describe(name, choice.problem()),
          "",
          ErrorCode.NoUsableConstructor.fix());
    }
    return null;
  }
}
