package io.steelmill.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The simulated components of one run that faults act on: the networks, clocks, disks and lease
 * services built inside it register here as they are constructed, so that a {@link Nemesis} (or
 * a test) finds them itself, without casting a platform interface to its simulated class.
 */
public final class FaultRegistry {
  private final List<Object> components = new ArrayList<>();

  FaultRegistry() {}

  void register(Object component) {
    for (Object known : components) {
      if (known == component) {
        return;
      }
    }
    components.add(component);
  }

  /** The components of {@code type}, in the order they were built. */
  public <T> List<T> all(Class<T> type) {
    List<T> found = new ArrayList<>();
    for (Object component : components) {
      if (type.isInstance(component)) {
        found.add(type.cast(component));
      }
    }
    return found;
  }

  /**
   * The one component of {@code type} built in this run.
   *
   * @throws SimulationException if there is none or more than one, saying how to pick
   */
  public <T> T only(Class<T> type) {
    List<T> found = all(type);
    if (found.size() != 1) {
      String name = type.getSimpleName();
      throw new SimulationException("Expected one " + name + " in this simulation, found "
          + found.size() + (found.isEmpty()
              ? ": none was built inside the run (start the cluster inside Simulation.run)."
              : ".") + " Fix: hand the nemesis the one to use, e.g. Nemesis.network(...).");
    }
    return found.get(0);
  }
}
