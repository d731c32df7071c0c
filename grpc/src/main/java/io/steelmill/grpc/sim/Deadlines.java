package io.steelmill.grpc.sim;

import io.grpc.Context;
import io.grpc.Deadline;
import java.util.concurrent.TimeUnit;

/** The virtual time left before a call's deadline, from whichever ticker made it. */
final class Deadlines {
  private Deadlines() {}

  /**
   * Nanoseconds of virtual time left before the earlier of {@code callDeadline} and the current
   * context's deadline; -1 when neither is set. A deadline of {@link SimTicker} is exact. One of
   * gRPC's system ticker ({@code withDeadlineAfter} without a ticker) was measured in real time
   * since it was made, a few real microseconds ago: its remainder is rounded up to whole
   * milliseconds so that those microseconds, which differ from run to run, change nothing.
   */
  static long remainingNanos(Deadline callDeadline, SimTicker ticker) {
    long left = remaining(callDeadline, ticker);
    long context = remaining(Context.current().getDeadline(), ticker);
    if (left < 0) {
      return context;
    }
    return context < 0 ? left : Math.min(left, context);
  }

  private static long remaining(Deadline deadline, SimTicker ticker) {
    if (deadline == null) {
      return -1;
    }
    long left = Math.max(0, deadline.timeRemaining(TimeUnit.NANOSECONDS));
    if (isVirtual(deadline, ticker)) {
      return left;
    }
    long millis = TimeUnit.MILLISECONDS.toNanos(1);
    return Math.min(Long.MAX_VALUE / 2, (left + millis - 1) / millis * millis);
  }

  private static boolean isVirtual(Deadline deadline, SimTicker ticker) {
    try {
      deadline.isBefore(Deadline.after(0, TimeUnit.NANOSECONDS, ticker));
      return true;
    } catch (RuntimeException | AssertionError otherTicker) {
      return false;
    }
  }
}
