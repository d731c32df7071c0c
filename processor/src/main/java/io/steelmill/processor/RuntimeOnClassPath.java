package io.steelmill.processor;

import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.diagnostics.Diagnostics;
import io.steelmill.processor.diagnostics.ErrorCode;
import java.util.List;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Whether the classes a generated factory uses are on the class path of the code being compiled.
 * A build that puts steelmill-processor on the processor path but forgets steelmill-runtime used
 * to get one error per import inside every generated file, none on the user's lines and none
 * saying what to add; now it gets one error, on the first factory, naming the artifact, and
 * nothing is written.
 */
final class RuntimeOnClassPath {
  static final String ARTIFACT = "io.steelmill:steelmill-runtime";

  /** Every runtime class a generated factory names ({@code writing.RuntimeNames}). */
  private static final List<String> USED =
      List.of(
          "io.steelmill.runtime.Node",
          "io.steelmill.runtime.internal.Bindings",
          "io.steelmill.runtime.internal.FactoryCore");

  private final Elements elements;
  private final Diagnostics diagnostics;
  private String missing; // looked up once: null until then, "" when all are there
  private boolean reported;

  RuntimeOnClassPath(Elements elements, Diagnostics diagnostics) {
    this.elements = elements;
    this.diagnostics = diagnostics;
  }

  /** Whether a class is missing; reported once per compilation, on the first factory. */
  boolean missing(TypeElement factory) {
    if (missing == null) {
      missing = "";
      for (String name : USED) {
        if (elements.getTypeElement(name) == null) {
          missing = name;
          break;
        }
      }
    }
    if (missing.isEmpty()) {
      return false;
    }
    if (!reported) {
      reported = true;
      String name = factory.getSimpleName().toString();
      diagnostics.error(
          Diagnostic.of(
                  ErrorCode.RuntimeMissing,
                  factory,
                  ErrorCode.RuntimeMissing.describe(name, missing, ARTIFACT),
                  "",
                  ErrorCode.RuntimeMissing.fix(ARTIFACT))
              .text(),
          factory);
    }
    return true;
  }
}
