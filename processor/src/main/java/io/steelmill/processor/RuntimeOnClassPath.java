package io.steelmill.processor;

import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.diagnostics.Diagnostics;
import io.steelmill.processor.diagnostics.ErrorCode;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
  /** Every runtime class a generated factory names ({@code writing.RuntimeNames}), and where. */
  private static final Map<String, String> FACTORY = new LinkedHashMap<>();

  /** What the simulation harness names besides ({@code writing.SimHarnessWriter}). */
  private static final Map<String, String> HARNESS = new LinkedHashMap<>();

  static {
    FACTORY.put("io.steelmill.runtime.Node", "io.steelmill:steelmill-runtime");
    FACTORY.put("io.steelmill.runtime.internal.Bindings", "io.steelmill:steelmill-runtime");
    FACTORY.put("io.steelmill.runtime.internal.FactoryCore", "io.steelmill:steelmill-runtime");
    HARNESS.put("io.steelmill.sim.SimCluster", "io.steelmill:steelmill-sim");
  }

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
      String artifact = FACTORY.getOrDefault(missing, HARNESS.get(missing));
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

  private String firstMissing(Map<String, String> classes) {
    for (String name : classes.keySet()) {
      if (!present.computeIfAbsent(name, n -> elements.getTypeElement(n) != null)) {
        return name;
      }
    }
    return null;
  }
}
