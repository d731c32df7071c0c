package io.steelmill.grpc.sim;

import io.grpc.Context;
import io.grpc.Deadline;
import java.util.concurrent.TimeUnit;

/** The virtual time left before a call's deadline, whichever ticker made it. */
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

  private static long remaining(Deadline deadline) {
    return deadline == null ? -1 : Math.max(0, deadline.timeRemaining(TimeUnit.NANOSECONDS));
  }
}
