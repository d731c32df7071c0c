package io.steelmill.runtime.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Threads that a simulation is unwinding (interrupting at the end of a run or after a failure):
 * what they throw is the unwinding, not a daemon failure, so nodes do not report it. The runtime
 * reads it without depending on the simulation kernel.
 */
public final class Unwinding {
  private static final Set<Thread> THREADS = ConcurrentHashMap.newKeySet();

  private Unwinding() {}

  public static void mark(Thread thread) {
    THREADS.add(thread);
  }

  public static void unmark(Thread thread) {
    THREADS.remove(thread);
  }

  public static boolean isUnwinding(Thread thread) {
    return THREADS.contains(thread);
  }
}
