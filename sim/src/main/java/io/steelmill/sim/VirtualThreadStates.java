package io.steelmill.sim;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;

/**
 * The virtual-thread states the public {@link Thread.State} hides. "Unblocked": a thread that
 * blocked entering a monitor and was handed it while it was still unmounting. The JDK then
 * queues it again from the carrier itself, which looks like a {@code Thread.yield()}; the kernel
 * must tell the two apart, because a yield is a scheduling point of the seed and a monitor
 * hand-off is the real-time accident of another thread releasing the monitor a little sooner or
 * later. "Parked": a task the kernel wakes from its own carrier is made runnable directly ({@link
 * #unparkOnCarrier}). Needs {@code --add-opens java.base/java.lang=ALL-UNNAMED}, which every
 * simulation has; on a JDK without the fields it reads false, as before this class existed.
 */
final class VirtualThreadStates {
  private static final VarHandle STATE;
  private static final VarHandle SCHEDULER;
  private static final int UNBLOCKED;
  private static final int PARKED;
  private static final int UNPARKED;
  /** The state's low byte is the state; a higher bit marks a suspended thread. */
  private static final int STATE_BITS = 0xff;

  static {
    VarHandle state = null;
    int unblocked = -1;
    int parked = -1;
    int unparked = -1;
    try {
      Class<?> type = Class.forName("java.lang.VirtualThread");
      state = MethodHandles.privateLookupIn(type, MethodHandles.lookup())
          .findVarHandle(type, "state", int.class);
      unblocked = constant(type, "UNBLOCKED");
      parked = constant(type, "PARKED");
      unparked = constant(type, "UNPARKED");
    } catch (ReflectiveOperationException | RuntimeException e) {
      state = null;
    }
    STATE = state;
    SCHEDULER = schedulerField();
    UNBLOCKED = unblocked;
    PARKED = parked;
    UNPARKED = unparked;
  }

  private static VarHandle schedulerField() {
    try {
      Class<?> type = Class.forName("java.lang.VirtualThread");
      return MethodHandles.privateLookupIn(type, MethodHandles.lookup())
          .findVarHandle(type, "scheduler", java.util.concurrent.Executor.class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static int constant(Class<?> type, String name) throws ReflectiveOperationException {
    Field constant = type.getDeclaredField(name);
    constant.setAccessible(true);
    return constant.getInt(null);
  }

  private VirtualThreadStates() {}

  /**
   * Whether the virtual thread {@code thread} runs on {@code scheduler} (true where the JDK does
   * not say: the check then passes, as before it existed).
   */
  /** The scheduler of virtual thread {@code thread}, or null when it cannot be read. */
  static java.util.concurrent.Executor schedulerOf(Thread thread) {
    return SCHEDULER == null ? null : (java.util.concurrent.Executor) SCHEDULER.get(thread);
  }

  static boolean scheduledBy(Thread thread, java.util.concurrent.Executor scheduler) {
    return SCHEDULER == null || SCHEDULER.get(thread) == scheduler;
  }

  /** Whether {@code thread} is a virtual thread handed the monitor it blocked on, not yet run. */
  static boolean unblocked(Thread thread) {
    return STATE != null && thread.isVirtual()
        && ((int) STATE.getVolatile(thread) & STATE_BITS) == UNBLOCKED;
  }

  /**
   * Whether {@code thread} is a virtual thread made runnable by an unpark and not yet run. Seen
   * on the task that just ended its step, it is a wake-up from outside the simulation: nothing
   * inside unparks a task while it parks (a park whose permit came as it was parking is queued
   * again by the carrier itself, like a yield, and one that came just after it parked is on its
   * way to the inbox).
   */
  static boolean unparked(Thread thread) {
    return STATE != null && thread.isVirtual()
        && ((int) STATE.getVolatile(thread) & STATE_BITS) == UNPARKED;
  }

  /**
   * Makes {@code thread}, a virtual thread parked with {@code LockSupport.park} (no timeout,
   * not suspended), runnable as its unpark would, when the caller is the carrier of its
   * simulation or a task mounted on it; the caller then queues its task itself. False, and
   * nothing changed, in any other state: the caller unparks it the JDK's way.
   *
   * <p>Why: the JDK's unpark sets the park permit with an atomic exchange, moves the state with
   * a compare-and-set and calls the scheduler through its generic submit (which pins a calling
   * virtual thread); the mount then clears the permit again with a volatile store. A simulation
   * wakes a task about 1.5 times per message, always from its one carrier, where the thread's
   * state changes only on that carrier: a plain store of "unparked" is what all of it comes to.
   * The mount that follows is the JDK's own, from the state the JDK's unpark leaves (with the
   * permit already consumed, which is where the mount would leave it).
   */
  static boolean unparkOnCarrier(Thread thread) {
    if (STATE == null || thread == null || !thread.isVirtual()
        || (int) STATE.get(thread) != PARKED) {
      return false;
    }
    STATE.set(thread, UNPARKED);
    return true;
  }
}
