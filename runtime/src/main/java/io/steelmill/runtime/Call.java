package io.steelmill.runtime;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One lifecycle call of one daemon, in progress: which daemon, which phase, on which thread, since
 * when (on the node's clock). It ends exactly once, either returned or given up as hung, so a call
 * that returns just as its grace period runs out is never both recorded and reported.
 */
final class Call {
  private static final int RUNNING = 0;
  private static final int RETURNED = 1;
  private static final int GIVING_UP = 2; // claimed by one give-up, its report not kept yet
  private static final int GIVEN_UP = 3;

  final String daemon;
  final Phase phase;
  final Thread thread;
  final long startNanos;
  final int index;
  private final AtomicInteger state = new AtomicInteger(RUNNING);

  Call(String daemon, Phase phase, Thread thread, long startNanos, int index) {
    this.daemon = daemon;
    this.phase = phase;
    this.thread = thread;
    this.startNanos = startNanos;
    this.index = index;
  }

  boolean running() {
    return state.get() == RUNNING;
  }

  /** Given up, and its hang report kept: whoever waited for the call may go on. */
  boolean givenUp() {
    return state.get() == GIVEN_UP;
  }

  /** Returned, or given up with its report kept: nothing about this call is left to record. */
  boolean settled() {
    int now = state.get();
    return now == RETURNED || now == GIVEN_UP;
  }

  /** Marks the call returned; false if it was given up before (its outcome no longer counts). */
  boolean returned() {
    return state.compareAndSet(RUNNING, RETURNED);
  }

  /**
   * Claims the call to give it up as hung; false if it returned first (or was claimed already).
   * The claimer keeps its report, then calls {@link #reported()}: until then the call is neither
   * running nor {@linkplain #givenUp() given up}, so nobody finishes the phase without it.
   */
  boolean giveUp() {
    return state.compareAndSet(RUNNING, GIVING_UP);
  }

  /** Ends a give-up claimed by {@link #giveUp()}, once its report is kept. */
  void reported() {
    state.set(GIVEN_UP);
  }

  /** The call's method as users write it: {@code prepare()}, {@code stop()}, {@code run()}. */
  String method() {
    return phase + "()";
  }

  /**
   * The report of this call given up as hung, on node {@code node}: {@code what} happened, the
   * thread and its stack, and a fix. A {@code run()} that outlives its stop is a failure of the
   * stop phase.
   */
  FactoryException hangReport(String node, String what) {
    String fix =
        switch (phase) {
          case PREPARE -> "make prepare() return within the grace period, and honour interrupts.";
          case STOP -> "make stop() only signal run() to end; it must not wait for it.";
          default -> "make stop() release whatever run() waits on.";
        };
    return report(node, daemon, phase == Phase.RUN ? Phase.STOP : phase, what, thread, fix);
  }

  /** A hang report: {@code what}, then the thread's stack (if known), then the fix. */
  static FactoryException report(
      String node, String daemon, Phase phase, String what, Thread thread, String fix) {
    StringBuilder text = new StringBuilder(what);
    if (thread != null) {
      text.append("; thread ").append(thread.getName()).append(" is at:");
      for (StackTraceElement frame : thread.getStackTrace()) {
        text.append("\n        at ").append(frame);
      }
    }
    text.append("\n    Fix: ").append(fix);
    return new FactoryException(node, daemon, phase, java.util.List.of(), text.toString(), null);
  }
}
