package io.steelmill.sim;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

/**
 * Watches the carrier from the thread that called {@link Simulation#run}: a step that parks the
 * carrier itself (a virtual thread pinned: a park inside a class initializer, a native frame) for
 * the pinned limit of real time, or runs without yielding for the runaway limit of the carrier's
 * CPU time, is a failure the run loop itself could never report. CPU time, not real time, so that
 * a loaded machine (other simulations, other processes) never makes a slow step a runaway.
 *
 * <p>Pinned means stuck, not slow: the clock of a block restarts whenever the step moves on, a
 * look finds the carrier not blocked, or the carrier used CPU time since the last look ({@link
 * #RAN_NANOS}: it ran
 * between the looks, so it was only blocked now and then: two carriers of one JVM contending for
 * a class being initialized or a JDK lock). Counting every look that found the carrier blocked,
 * as before, made a healthy seed fail "Pinned" on a loaded machine with a second job beside it.
 * A carrier that stays blocked without running can still be waiting for a thread outside the
 * simulation (a neighbour initializing a class) that the machine's load slows down: the limit
 * grows with the load per core, so the verdict never depends on what runs beside the seed.
 */
final class Watchdog {
  /**
   * One for the JVM: looking the bean up walks the platform's MBean providers with a stream, which
   * cost a sweep about 1.5% of its CPU when every seed's watchdog did it.
   */
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private static final OperatingSystemMXBean SYSTEM = ManagementFactory.getOperatingSystemMXBean();

  /**
   * CPU time between two looks that means the carrier ran: a carrier stuck on a monitor still
   * wakes now and then to try it again (HotSpot's re-check, measured at 26-45 us about once a
   * second on JDK 25), while one that made progress between looks blocked at each (two jobs of
   * a sweep on a 2-core machine at load 10-16) used 270-370 us between looks 70-150 ms apart.
   */
  static final long RAN_NANOS = 100_000;

  /** What the watchdog reads of the carrier and the machine; tests give their own. */
  interface Probe {
    Thread.State state(Thread carrier);

    /** The carrier's CPU time in nanoseconds, or -1 where the JVM cannot measure it. */
    long cpuNanos(Thread carrier);

    long nanoTime();

    /** The machine's load average per core; 0 where unknown. */
    double loadPerCore();
  }

  /** The real carrier, the real clock and the machine's load. */
  static final Probe REAL = new Probe() {
    @Override
    public Thread.State state(Thread carrier) {
      return carrier.getState();
    }

    @Override
    public long cpuNanos(Thread carrier) {
      return THREADS.isThreadCpuTimeSupported() ? THREADS.getThreadCpuTime(carrier.threadId()) : -1;
    }

    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public double loadPerCore() {
      return Math.max(0, SYSTEM.getSystemLoadAverage()) / SYSTEM.getAvailableProcessors();
    }
  };

  private final RunState run;
  private final Probe probe;
  private final long runawayNanos;
  private final long pinnedNanos;
  private Thread lastTask;
  private long lastStep = -1;
  private long lastStepCpu;
  private long lastLookCpu = -1;
  /** When the carrier was first seen blocked without running since; 0: not blocked. */
  private long blockedSince;

  Watchdog(RunState run) {
    this(run, REAL);
  }

  Watchdog(RunState run, Probe probe) {
    this.run = run;
    this.probe = probe;
    this.runawayNanos = run.runawayLimit.toNanos();
    this.pinnedNanos = run.pinnedLimit.toNanos();
  }

  /**
   * A failure to report for the step now running on {@code loop}, or null. A step is a task's
   * turn on the carrier, or a timer action ({@link Simulation#schedule}), which runs on the
   * carrier outside any task: one that spun or blocked hung the run for ever, unreported.
   */
  SimulationException check(Thread loop) {
    Thread task = run.mounted; // volatile: makes the carrier's step count visible
    long action = task == null ? run.action : 0;
    if (task == null && action == 0) {
      lastTask = null;
      lastStep = -1;
      lastLookCpu = -1;
      blockedSince = 0;
      return null;
    }
    long steps = task != null ? run.steps : -action; // each action is a step of its own
    String who = task != null ? "task " + nameOf(task) : "a timer action (Simulation.schedule)";
    long cpu = probe.cpuNanos(loop);
    long now = probe.nanoTime();
    boolean newStep = steps != lastStep || task != lastTask;
    if (newStep) { // a new step since the last look: it started about now
      lastStep = steps;
      lastTask = task;
      lastStepCpu = cpu >= 0 ? cpu : now;
      blockedSince = 0;
    }
    Thread.State state = probe.state(loop);
    // unmeasurable CPU time: real time alone decides, as it did before
    boolean ran = cpu >= 0 && lastLookCpu >= 0 && cpu - lastLookCpu >= RAN_NANOS;
    lastLookCpu = cpu;
    boolean moved = task != null ? run.mounted != task || run.steps != steps
        : run.mounted != null || run.action != action;
    if (!isBlocked(state) || moved) {
      blockedSince = 0;
    } else if (newStep || ran || blockedSince == 0) {
      blockedSince = now; // blocked now, but it ran since the last look: not stuck so far
    } else if (now - blockedSince > pinnedNanos && now - blockedSince > loadedLimit()) {
      return stuck("Pinned: " + who + " blocked the carrier thread itself ("
          + state + ") for " + Duration.ofNanos(now - blockedSince) + " without running, instead"
          + " of unmounting: a park inside a class initializer or a native frame, or a real"
          + " blocking call. Fix: no blocking in static initializers; use the simulated"
          + " platform for I/O.", loop);
    }
    if ((cpu >= 0 ? cpu : now) - lastStepCpu > runawayNanos) { // real time where no CPU time
      return stuck("Runaway step: " + who + " ran " + run.runawayLimit
          + " of CPU time without yielding (a busy loop?). Fix: wait with the platform's"
          + " primitives (Clock.sleep, Endpoint.receive) instead of spinning.", loop);
    }
    return null;
  }

  /**
   * The task's name; for a thread that user code started without one (its report read "task  ran
   * PT10S"), the task's number and node.
   */
  private String nameOf(Thread task) {
    if (!task.getName().isEmpty()) {
      return task.getName();
    }
    Task mounted = run.mountedTask; // written before run.mounted: this task or a later one
    return mounted != null && mounted.thread == task
        ? "#" + mounted.id + " (unnamed) of node " + mounted.node.name() : "(unnamed)";
  }

  private static boolean isBlocked(Thread.State state) {
    return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING
        || state == Thread.State.BLOCKED;
  }

  /**
   * The pinned limit stretched by the machine's load per core: what the carrier waits for may be
   * a thread outside the simulation that gets only its share of a core. Read only once a block
   * has lasted the limit itself, which a healthy run hardly ever does.
   */
  private long loadedLimit() {
    return (long) (pinnedNanos * Math.max(1.0, probe.loadPerCore()));
  }

  private static SimulationException stuck(String headline, Thread loop) {
    StringBuilder text = new StringBuilder(headline).append("\n  carrier stack:");
    for (StackTraceElement frame : loop.getStackTrace()) {
      text.append("\n        at ").append(frame);
    }
    return new SimulationException(text.toString());
  }
}
