package io.steelmill.processor;

import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.diagnostics.Diagnostics;
import io.steelmill.processor.diagnostics.ErrorCode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Whether the classes generated code uses are on the class path of the code being compiled. A
 * build that puts steelmill-processor on the processor path but forgets steelmill-runtime (or,
 * in simulation mode, steelmill-sim, which the harness {@code Steelmill<Name>Sim} uses) used to
 * get one error per import inside every generated file, none on the user's lines and none saying
 * what to add; now it gets one error, on the first factory, naming the artifact, and nothing is
 * written.
 */
final class RuntimeOnClassPath {
  private static final String RUNTIME = "io.steelmill:steelmill-runtime";
  private static final String SIM = "io.steelmill:steelmill-sim";

  /** Every runtime class a generated factory names ({@code writing.RuntimeNames}), in RUNTIME. */
  private static final List<String> FACTORY = List.of("io.steelmill.runtime.Node",
      "io.steelmill.runtime.internal.Bindings", "io.steelmill.runtime.internal.FactoryCore");

  /** What the simulation harness names besides ({@code writing.SimHarnessWriter}), in SIM. */
  private static final List<String> HARNESS = List.of("io.steelmill.sim.SimCluster");

  private final Elements elements;
  private final Diagnostics diagnostics;
  private final Map<String, Boolean> present = new HashMap<>();
  private boolean reported;

  RuntimeOnClassPath(Elements elements, Diagnostics diagnostics) {
    this.elements = elements;
    this.diagnostics = diagnostics;
  }

  /**
   * Whether a class that {@code factory}'s generated code (with a simulation harness when {@code
   * harness}) names is missing; reported once per compilation, on the first factory.
   */
  boolean missing(TypeElement factory, boolean harness) {
    String missing = firstMissing(FACTORY);
    if (missing == null && harness) {
      missing = firstMissing(HARNESS);
    }
    if (missing == null) {
      return false;
    }
    if (!reported) {
      reported = true;
      String artifact = FACTORY.contains(missing) ? RUNTIME : SIM;
      String name = factory.getSimpleName().toString();
      diagnostics.error(
          Diagnostic.of(
                  ErrorCode.RuntimeMissing,
                  factory,
                  ErrorCode.RuntimeMissing.describe(name, missing, artifact),
                  "",
                  ErrorCode.RuntimeMissing.fix(artifact))
              .text(),
          factory);
    }
    return true;
  }

  private String firstMissing(List<String> classes) {
    for (String name : classes) {
      if (!present.computeIfAbsent(name, n -> elements.getTypeElement(n) != null)) {
        return name;
      }
    }
    return null;
  }
}
