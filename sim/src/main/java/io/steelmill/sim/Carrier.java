package io.steelmill.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one simulation: starts the carrier thread that drives the {@link RunLoop}, watches it
 * with the {@link Watchdog} from the calling thread, and turns the end state into a {@link
 * SimResult} (the trace hash, the failure, the tasks left behind).
 */
final class Carrier {
  private final Simulation simulation;
  private final RunState run;

  Carrier(Simulation simulation) {
    this.simulation = simulation;
    this.run = simulation.state;
  }

  SimResult run(Simulation.Body body) {
    refuseNestedOrRepeated();
    RunLoop runLoop = run.loop;
    SelfTest.check();
    TimeWarp.require();
    LoggingBackend.start(); // not on the carrier, nor in the run's wall time
    CommonPoolWatch commonPool = new CommonPoolWatch();
    long wallStart = System.nanoTime();
    // the carrier is the run's own thread until the run ends: RunState.carrier is set before the
    // loop's first step (the hand-off to the carrier thread publishes it)
    CarrierThread.Run carried = CarrierThread.start("steelmill-sim-carrier-" + run.seed, () -> {
      run.carrier = Thread.currentThread();
      try {
        runLoop.loop(simulation, body);
      } catch (Throwable e) { // a kernel fault: the run must not end as if it had passed
        run.untraced = false;
        run.fail(new SimulationException("The run loop died of " + e, e));
        throw e;
      }
    });
    Thread loop = carried.thread();
    run.carrier = loop;
    boolean interrupted = false;
    Watchdog watchdog = new Watchdog(run);
    JvmtiTransitions.hintOnce(System.err); // while the carrier runs: on another core when free
    while (true) {
      try {
        if (carried.join(Duration.ofMillis(50))) {
          break;
        }
        SimulationException stuck = watchdog.check(loop);
        if (stuck != null) {
          // the carrier cannot be unwound: report and abandon it (it is a daemon thread)
          carried.abandon();
          run.failure = stuck;
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    run.over = true;
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    long wall = System.nanoTime() - wallStart;
    for (Task task : run.live.values()) {
      runLoop.notePoolUse(task);
    }
    // only without the agent's hook: the probe it reads is also every ThreadLocalRandom user's,
    // and the pool's activity anyone else's in the JVM, so it may accuse a task of a run that
    // never went near the pool
    if (run.failure == null && run.poolUser != null && !TimeWarp.poolSubmissionsHooked()
        && commonPool.wasUsed()) {
      run.fail(new SimulationException("Task " + run.poolUser + " put work on the common"
          + " ForkJoinPool during the run: real threads, outside the simulation"
          + " (CompletableFuture.*Async without an executor, parallel streams, orTimeout). Fix:"
          + " pass the injected Daemons executor to *Async calls, and use sequential streams in"
          + " simulated code."));
    }
    List<String> leaked = new ArrayList<>();
    run.live.values().forEach(task -> leaked.add(task.toString()));
    leaked.addAll(run.untracedFailures);
    Trace trace = run.trace;
    return new SimResult(
        run.seed, run.now, run.steps, trace.events(), wall, trace.finish(), trace.tail(),
        trace.full(), run.failure, leaked);
  }

  /**
   * A run started from a task or timer action of another run blocked that run's only carrier in
   * real time: it failed with an escape naming the kernel's own thread the first time in a JVM
   * and "a wake-up came from outside" after. A simulation that ran already went on from its end
   * (the virtual time, the steps, the streams), giving a result that was neither a replay nor a
   * fresh run. Both are refused, in one line, before anything starts.
   */
  private void refuseNestedOrRepeated() {
    Thread self = Thread.currentThread();
    Simulation outer = RunOfThread.mountedOn(self);
    if (outer == null) {
      outer = RunOfThread.timerActionOn(self);
    }
    if (outer != null) {
      throw new SimulationException("Simulation.run of seed " + run.seed + " was called inside"
          + " the run of seed " + outer.seed() + " (" + (outer.state.timerAction
              ? "a timer action" : "task " + outer.state.mountedTaskName()) + "): a simulation"
          + " cannot run inside another, whose only carrier would wait for it in real time. Fix:"
          + " run simulations one after another, or side by side from platform threads"
          + " (SeedSweep), never from simulated code.");
    }
    if (run.started) {
      throw new IllegalStateException("This Simulation (seed " + run.seed + ") has run"
          + " already; a second run would go on from where the first ended. Fix: build one"
          + " Simulation per run: Simulation.builder().seed(" + run.seed + ")...build().run(...)"
          + " replays the seed.");
    }
    run.started = true;
  }
}
