package io.steelmill.sim;

import java.time.Duration;

/**
 * A child JVM's program for {@link JvmtiTransitionsTest}: one task holds a monitor across a
 * park while another blocks entering it; prints the first line of the run's failure.
 */
final class MonitorUnderFastSwitches {
  private MonitorUnderFastSwitches() {}

  public static void main(String[] arguments) {
    Object lock = new Object();
    SimResult result = Simulation.builder().seed(3).build().run(() -> {
      Simulation simulation = Simulation.current();
      simulation.spawn("holder", () -> {
        synchronized (lock) {
          try {
            simulation.sleep(Duration.ofMillis(10));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      });
      simulation.spawn("waiter", () -> {
        try {
          simulation.sleep(Duration.ofMillis(1));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        synchronized (lock) {
          lock.hashCode();
        }
      });
      simulation.sleep(Duration.ofMillis(50));
    });
    String failure = String.valueOf(result.failure());
    System.out.println("failure: " + failure.lines().findFirst().orElse(""));
  }
}
