package io.steelmill.sim;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The virtual-thread scheduler of one simulation. It subclasses {@link ForkJoinPool} (never
 * started) because on JDK 25 a virtual thread whose scheduler is a {@code ForkJoinPool} hands
 * every timed park to {@link #schedule}: that is how real timed waits become visible. Virtual
 * threads that tasks start inherit it.
 */
final class SimScheduler extends ForkJoinPool {
  private static final Map<Class<?>, Field> THREAD_FIELDS = new ConcurrentHashMap<>();
  private static final Constructor<?> BUILDER = SelfTest.builderConstructor();
  private final RunState run;

  SimScheduler(RunState run) {
    super(1);
    this.run = run;
  }

  /** The run whose tasks this schedules. */
  RunState run() {
    return run;
  }

  /**
   * A fresh builder (builders keep state, so one per thread). Its threads report an uncaught
   * exception as a failure of the run; a crashed node's tasks die silently.
   */
  Thread.Builder.OfVirtual builder() {
    try {
      return ((Thread.Builder.OfVirtual) BUILDER.newInstance((Executor) this))
          .uncaughtExceptionHandler(run::uncaught);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create a simulated virtual thread builder", e);
    }
  }

  @Override
  public void execute(Runnable continuation) {
    run.loop.execute(continuation);
  }

  // Overrides ForkJoinPool.schedule, new in JDK 25: compiled with --release 21 it cannot carry
  // @Override, but the JVM overrides by name and descriptor, and SelfTest requires JDK 25.
  public ScheduledFuture<?> schedule(Runnable action, long delay, TimeUnit unit) {
    return run.addTimer(unit.toNanos(delay), action, null);
  }

  /** The virtual thread whose continuation this is (the JDK's bound method reference). */
  static Thread threadOf(Runnable continuation) {
    Field field =
        THREAD_FIELDS.computeIfAbsent(
            continuation.getClass(),
            type -> {
              for (Field candidate : type.getDeclaredFields()) {
                if (Thread.class.isAssignableFrom(candidate.getType())) {
                  candidate.setAccessible(true);
                  return candidate;
                }
              }
              return null;
            });
    try {
      return field == null ? null : (Thread) field.get(continuation);
    } catch (IllegalAccessException e) {
      return null;
    }
  }
}
