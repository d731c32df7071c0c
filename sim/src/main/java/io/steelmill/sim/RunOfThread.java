package io.steelmill.sim;

/**
 * Which run the calling thread belongs to, for the code that cannot be handed its {@link
 * Simulation}: the agent's hooks ({@link TimeWarp}, {@link Escapes}), the runtime's clocks and
 * node threads, components registering themselves. A thread belongs to a run while it is the
 * task mounted on the run's carrier, or the carrier itself while it runs a timer's action.
 */
final class RunOfThread {
  private static final SimClock VIRTUAL_CLOCK = SimClock.kernelClock();

  private RunOfThread() {}

  /** Points the runtime's clock and node-thread hooks at the run of the calling task. */
  static void hookRuntime() {
    // nodes measure their grace periods on virtual time when they run on a simulated task
    io.steelmill.runtime.internal.Clocks.whenSimulated(() -> {
      return mountedOn(Thread.currentThread()) != null ? VIRTUAL_CLOCK : null;
    });
    // a node's own threads (a daemon's run(), its stop) are tasks that carry the node's id
    io.steelmill.runtime.internal.NodeThreads.whenSimulated((node, what, body) -> {
      Simulation simulation = mountedOn(Thread.currentThread());
      return simulation != null ? simulation.state.unstartedTask(node, what, body) : null;
    });
  }

  /** The simulation whose task {@code thread} is, if it is running now (agent hooks). */
  static Simulation mountedOn(Thread thread) {
    Simulation simulation = Simulation.CURRENT.get();
    return simulation != null && simulation.state.mounted == thread ? simulation : null;
  }

  /** The simulation whose timer action {@code thread}, its carrier, is running, or null. */
  static Simulation timerActionOn(Thread thread) {
    Simulation simulation = Simulation.CURRENT.get();
    return simulation != null && simulation.state.timerAction && simulation.state.carrier == thread
        ? simulation : null;
  }
}
