package io.steelmill.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The checks a run makes after every step; the first that throws fails the run, by name. */
final class Invariants {
  private final List<String> names = new ArrayList<>();
  private final List<Runnable> checks = new ArrayList<>();

  void add(String name, Runnable check) {
    names.add(name);
    checks.add(check);
  }

  /** Runs every check, in the order added, until one fails the run. */
  void check(RunState run, long now) {
    for (int i = 0; i < checks.size() && run.failure == null; i++) {
      try {
        checks.get(i).run();
      } catch (Throwable e) {
        run.fail(new SimulationException("Invariant \"" + names.get(i) + "\" failed at"
            + " virtual time " + Duration.ofNanos(now) + ": " + e.getMessage(), e));
      }
    }
  }
}
