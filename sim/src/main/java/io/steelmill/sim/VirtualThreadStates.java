package io.steelmill.sim;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;

/**
 * Reads the one virtual-thread state the public {@link Thread.State} hides: "unblocked", a
 * thread that blocked entering a monitor and was handed it while it was still unmounting. The
 * JDK then queues it again from the carrier itself, which looks like a {@code Thread.yield()};
 * the kernel must tell the two apart, because a yield is a scheduling point of the seed and a
 * monitor hand-off is the real-time accident of another thread releasing the monitor a little
 * sooner or later. Needs {@code --add-opens java.base/java.lang=ALL-UNNAMED}, which every
 * simulation has; on a JDK without the field it reads false, as before this class existed.
 */
final class VirtualThreadStates {
  private static final VarHandle STATE;
  private static final int UNBLOCKED;
  /** The state's low byte is the state; a higher bit marks a suspended thread. */
  private static final int STATE_BITS = 0xff;

  static {
    VarHandle state = null;
    int unblocked = -1;
    try {
      Class<?> type = Class.forName("java.lang.VirtualThread");
      state = MethodHandles.privateLookupIn(type, MethodHandles.lookup())
          .findVarHandle(type, "state", int.class);
      Field constant = type.getDeclaredField("UNBLOCKED");
      constant.setAccessible(true);
      unblocked = constant.getInt(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      state = null;
    }
    STATE = state;
    UNBLOCKED = unblocked;
  }

  private VirtualThreadStates() {}

  /** Whether {@code thread} is a virtual thread handed the monitor it blocked on, not yet run. */
  static boolean unblocked(Thread thread) {
    return STATE != null && thread.isVirtual()
        && ((int) STATE.getVolatile(thread) & STATE_BITS) == UNBLOCKED;
  }
}
