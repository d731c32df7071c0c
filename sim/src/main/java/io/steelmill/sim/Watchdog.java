package io.steelmill.sim;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

/**
 * Watches the carrier from the thread that called {@link Simulation#run}: a step that parks the
 * carrier itself (a virtual thread pinned: a park inside a class initializer, a native frame) for
 * the pinned limit of real time, or runs without yielding for the runaway limit of the carrier's
 * CPU time, is a failure the run loop itself could never report. CPU time, not real time, so that
 * a loaded machine (other simulations, other processes) never makes a slow step a runaway.
 */
final class Watchdog {
  /**
   * One for the JVM: looking the bean up walks the platform's MBean providers with a stream, which
   * cost a sweep about 1.5% of its CPU when every seed's watchdog did it.
   */
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private final RunState run;
  private final Duration runawayLimit;
  private final Duration pinnedLimit;
  private long blockedSince;
  private long lastStep = -1;
  private long lastStepCpu;

  Watchdog(RunState run) {
    this.run = run;
    this.runawayLimit = run.runawayLimit;
    this.pinnedLimit = run.pinnedLimit;
  }

  /** The carrier's CPU time, or real time where the JVM cannot measure it. */
  private long carrierNanos(Thread loop) {
    long cpu = THREADS.isThreadCpuTimeSupported() ? THREADS.getThreadCpuTime(loop.threadId()) : -1;
    return cpu >= 0 ? cpu : System.nanoTime();
  }

  /** A failure to report for the step now running on {@code loop}, or null. */
  SimulationException check(Thread loop) {
    Thread task = run.mounted; // volatile: makes the carrier's step count visible
    long nowNanos = System.nanoTime();
    if (task == null) {
      blockedSince = 0;
      lastStep = -1;
      return null;
    }
    long cpuNanos = carrierNanos(loop);
    long steps = run.steps;
    if (steps != lastStep) { // a new step since the last look: it started about now
      lastStep = steps;
      lastStepCpu = cpuNanos;
    }
    Thread.State state = loop.getState();
    boolean parked = state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING
        || state == Thread.State.BLOCKED;
    if (parked) {
      blockedSince = blockedSince == 0 ? nowNanos : blockedSince;
      if (nowNanos - blockedSince > pinnedLimit.toNanos()) {
        return stuck("Pinned: task " + task.getName() + " blocked the carrier thread itself ("
            + state + ") instead of unmounting: a park inside a class initializer or a native"
            + " frame, or a real blocking call. Fix: no blocking in static initializers; use"
            + " the simulated platform for I/O.", loop);
      }
    } else {
      blockedSince = 0;
    }
    if (cpuNanos - lastStepCpu > runawayLimit.toNanos()) {
      return stuck("Runaway step: task " + task.getName() + " ran " + runawayLimit
          + " of CPU time without yielding (a busy loop?). Fix: wait with the platform's"
          + " primitives (Clock.sleep, Endpoint.receive) instead of spinning.", loop);
    }
    return null;
  }

  private static SimulationException stuck(String headline, Thread loop) {
    StringBuilder text = new StringBuilder(headline).append("\n  carrier stack:");
    for (StackTraceElement frame : loop.getStackTrace()) {
      text.append("\n        at ").append(frame);
    }
    return new SimulationException(text.toString());
  }
}
