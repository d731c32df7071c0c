package io.steelmill.testing;

/**
 * Runs {@link SimulationSetup#check} in a JVM of its own, started by {@link SimulationSetupTest}
 * without {@code --add-opens}, and prints what it says.
 */
final class SetupProbe {
  private SetupProbe() {}

  public static void main(String[] args) throws Exception {
    SimulationTest settings =
        Fixtures.Counts.class
            .getDeclaredMethod("count", io.steelmill.sim.Simulation.class)
            .getAnnotation(SimulationTest.class);
    try {
      SimulationSetup.check(settings, "io.steelmill.testing.Fixtures$Counts#count");
      System.out.println("no complaint");
    } catch (SimulationSetupException e) {
      System.out.println(e.getMessage());
    }
  }
}
