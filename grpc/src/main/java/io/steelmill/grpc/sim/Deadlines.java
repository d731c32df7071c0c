package io.steelmill.grpc.sim;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The virtual time left before a call's deadline, whichever ticker made it, and how a call ends
 * when its context does.
 */
final class Deadlines {
  private Deadlines() {}

  /**
   * Nanoseconds of virtual time left before the earlier of {@code callDeadline} and the current
   * context's deadline; -1 when neither is set. On a simulated task every ticker reads virtual
   * time: {@link SimTicker} directly, gRPC's system ticker ({@code withDeadlineAfter}, {@code
   * Deadline.after(t, unit)}, {@code Context.withDeadlineAfter}) through the simulation agent,
   * which sends its {@code System.nanoTime()} to the simulation's clock. So both are exact.
   */
  static long remainingNanos(Deadline callDeadline) {
    long left = remaining(callDeadline);
    long context = remaining(Context.current().getDeadline());
    if (left < 0) {
      return context;
    }
    return context < 0 ? left : Math.min(left, context);
  }

  /** {@link #remainingNanos(Deadline)} in {@code context} (the call's). */
  static long remainingNanos(Context context, Deadline callDeadline) {
    Context previous = context.attach();
    try {
      return remainingNanos(callDeadline);
    } finally {
      context.detach(previous);
    }
  }

  /**
   * The status of a call whose context ended, as grpc-java's client call gives it: {@code
   * DEADLINE_EXCEEDED} when the context's deadline passed, else from its cause.
   */
  static Status ofEndedContext(Context ended) {
    Throwable cause = ended.cancellationCause();
    return cause instanceof TimeoutException
        ? Status.DEADLINE_EXCEEDED.withDescription("the context's deadline passed")
        : Status.fromThrowable(cause != null ? cause
            : Status.CANCELLED.withDescription("the context was cancelled").asException());
  }

  private static long remaining(Deadline deadline) {
    return deadline == null ? -1 : Math.max(0, deadline.timeRemaining(TimeUnit.NANOSECONDS));
  }
}
