package io.steelmill.sim;

import java.time.Duration;
import java.util.List;

/**
 * Runs one simulation: starts the carrier thread that drives the {@link RunLoop}, watches it
 * with the {@link Watchdog} from the calling thread, and turns the end state into a {@link
 * SimResult} (the trace hash, the failure, the tasks left behind).
 */
final class Carrier {
  private final Simulation sim;
  private final Duration runawayLimit;
  private final Duration pinnedLimit;

  Carrier(Simulation simulation, Duration runawayLimit, Duration pinnedLimit) {
    this.sim = simulation;
    this.runawayLimit = runawayLimit;
    this.pinnedLimit = pinnedLimit;
  }

  SimResult run(RunLoop runLoop, Simulation.Body body) {
    SelfTest.check();
    TimeWarp.require();
    CommonPoolWatch commonPool = new CommonPoolWatch();
    long wallStart = System.nanoTime();
    Thread loop =
        Thread.ofPlatform()
            .daemon()
            .name("steelmill-sim-carrier-" + sim.seed())
            .unstarted(() -> runLoop.loop(body));
    sim.carrier = loop;
    loop.start();
    boolean interrupted = false;
    Watchdog watchdog = new Watchdog(sim, runawayLimit, pinnedLimit);
    while (true) {
      try {
        if (loop.join(Duration.ofMillis(50))) {
          break;
        }
        SimulationException stuck = watchdog.check(loop);
        if (stuck != null) {
          // the carrier cannot be unwound: report and abandon it (it is a daemon thread)
          sim.failure = stuck;
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    long wall = System.nanoTime() - wallStart;
    for (Task task : sim.live.values()) {
      runLoop.notePoolUse(task);
    }
    if (sim.failure == null && sim.poolUser != null && commonPool.wasUsed()) {
      sim.fail(new SimulationException("Task " + sim.poolUser + " put work on the common"
          + " ForkJoinPool during the run: real threads, outside the simulation"
          + " (CompletableFuture.*Async without an executor, parallel streams, orTimeout). Fix:"
          + " pass the injected Daemons executor to *Async calls, and use sequential streams in"
          + " simulated code."));
    }
    List<String> leaked = sim.live.values().stream().map(Task::toString).toList();
    Trace trace = sim.trace;
    return new SimResult(
        sim.seed(), sim.now, sim.steps, trace.events(), wall, trace.finish(), trace.tail(),
        trace.full(), sim.failure, leaked);
  }
}
