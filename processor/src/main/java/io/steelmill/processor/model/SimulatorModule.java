package io.steelmill.processor.model;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * The simulator's platform module: the {@code @Simulation @Provides} methods in {@code
 * steelmill-sim} that bind Steelmill's own platform interfaces (those marked {@code
 * @Simulation(bySimulator = true)}) in simulation builds. Reports nothing.
 *
 * <p>It is found by one well-known name rather than by scanning: an annotation processor sees
 * the classes being compiled, not the annotated classes of the jars on the class path, and one
 * name looked up with {@link Elements#getTypeElement} is deterministic and cheap. The runtime's
 * interfaces thus name nothing of the simulator, and a build without {@code steelmill-sim} can
 * still be told exactly what it lacks.
 */
public final class SimulatorModule {
  /** The module's class; {@code steelmill-sim} must keep this name. */
  public static final String NAME = "io.steelmill.sim.SimulatedPlatform";

  /** The artifact that holds it, as a build file names it. */
  public static final String ARTIFACT = "io.steelmill:steelmill-sim";

  private final Elements elements;
  private final BindingReader reader;
  private TypeElement module;
  private boolean looked;

  public SimulatorModule(Elements elements, BindingReader reader) {
    this.elements = elements;
    this.reader = reader;
  }

  /** Whether {@code iface} says the simulator supplies its simulated binding. */
  public static boolean suppliesSimulationOf(TypeElement iface) {
    return Annotations.booleanValue(
        Annotations.modeAnnotation(iface, Mode.SIMULATION), "bySimulator");
  }

  /** The module's class, or null when {@code steelmill-sim} is not on the class path. */
  public TypeElement module() {
    if (!looked) {
      module = elements.getTypeElement(NAME);
      looked = true;
    }
    return module;
  }

  /**
   * The simulated binding of {@code key}, the interface {@code iface}: the module's matching
   * {@code @Simulation @Provides} methods, or, without the module, a placeholder that stands for
   * it (in the mode a build only validates) and that a simulation build reports as missing.
   */
  public List<Binding> bindings(Key key, TypeElement iface) {
    TypeElement found = module();
    if (found == null) {
      return List.of(reader.simulatorBinding(key, iface));
    }
    List<Binding> bindings = new ArrayList<>();
    for (ExecutableElement method : ElementFilter.methodsIn(found.getEnclosedElements())) {
      if (Annotations.has(method, Annotations.PROVIDES)
          && method.getModifiers().contains(Modifier.STATIC)
          && reader.providesKey(method).equals(key)) {
        Binding binding = reader.providesBinding(method);
        if (binding.modes().contains(Mode.SIMULATION)) {
          bindings.add(binding);
        }
      }
    }
    return bindings;
  }
}
