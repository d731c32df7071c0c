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
  private static final int GIVEN_UP = 2;

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

  boolean givenUp() {
    return state.get() == GIVEN_UP;
  }

  /** Marks the call returned; false if it was given up before (its outcome no longer counts). */
  boolean returned() {
    return state.compareAndSet(RUNNING, RETURNED);
  }

  /** Gives the call up as hung; false if it returned first (or was given up already). */
  boolean giveUp() {
    return state.compareAndSet(RUNNING, GIVEN_UP);
  }

  /** The call's method as users write it: {@code prepare()}, {@code stop()}, {@code run()}. */
  String method() {
    return phase + "()";
  }

  /** The thread's stack, one indented frame a line. */
  String stack() {
    StringBuilder text = new StringBuilder();
    for (StackTraceElement frame : thread.getStackTrace()) {
      text.append("\n        at ").append(frame);
    }
    return text.toString();
  }
}
