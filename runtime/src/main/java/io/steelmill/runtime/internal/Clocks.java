package io.steelmill.runtime.internal;

import io.steelmill.platform.Clock;
import io.steelmill.platform.SystemClock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The clock a node measures its grace periods on when none was set: the simulation's virtual
 * clock on a simulated task, the system clock anywhere else. The simulation kernel registers
 * itself here, so that the runtime reads virtual time without depending on the kernel.
 */
public final class Clocks {
  private static final Clock SYSTEM = new SystemClock();
  private static volatile Supplier<Clock> simulated = () -> null;

  private Clocks() {}

  /**
   * Registers the kernel's lookup: it returns the virtual clock when called on a simulated task,
   * null anywhere else.
   */
  public static void whenSimulated(Supplier<Clock> lookup) {
    simulated = lookup;
  }

  /**
   * {@code timeout} in nanoseconds, between zero and about 73 years: far enough to mean "no
   * timeout", near enough that adding it to a clock reading cannot overflow.
   */
  public static long boundedNanos(Duration timeout) {
    long most = Long.MAX_VALUE / 4;
    if (timeout.isNegative()) {
      return 0;
    }
    return timeout.compareTo(Duration.ofNanos(most)) > 0 ? most : timeout.toNanos();
  }

  /** Whether the calling thread is a simulated task. */
  public static boolean isSimulated() {
    return simulated.get() != null;
  }

  /** The clock of the calling thread: virtual on a simulated task, else the system's. */
  public static Clock current() {
    Clock clock = simulated.get();
    return clock != null ? clock : SYSTEM;
  }
}
