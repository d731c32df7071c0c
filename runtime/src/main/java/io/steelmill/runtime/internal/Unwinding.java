package io.steelmill.runtime.internal;

import java.util.function.Predicate;

/**
 * Whether a thread is being unwound by the simulation it belongs to (interrupted at the end of a
 * run or after a failure): what it throws then is the unwinding, not a daemon failure, so nodes
 * do not report it. The runtime reads it without depending on the simulation kernel.
 *
 * <p>There is no JVM-wide registry: a simulation installs its own answer on its carrier thread
 * ({@link #install}), and every task it starts inherits it, so two simulations running at once
 * each answer for their own threads only.
 */
public final class Unwinding {
  private static final InheritableThreadLocal<Predicate<Thread>> SCOPE =
      new InheritableThreadLocal<>();

  private Unwinding() {}

  /**
   * Installs, on the calling thread and every thread it starts from now on, which threads are
   * unwinding. A simulation calls it on its carrier before it starts the first task.
   */
  public static void install(Predicate<Thread> unwinding) {
    SCOPE.set(unwinding);
  }

  /** Removes what {@link #install} set on the calling thread. */
  public static void uninstall() {
    SCOPE.remove();
  }

  /**
   * Whether {@code thread} is being unwound, as the simulation of the calling thread sees it;
   * false outside any simulation. Call it with the current thread or a task of its simulation.
   */
  public static boolean isUnwinding(Thread thread) {
    Predicate<Thread> unwinding = SCOPE.get();
    return unwinding != null && unwinding.test(thread);
  }
}
