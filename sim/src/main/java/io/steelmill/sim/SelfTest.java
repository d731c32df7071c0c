package io.steelmill.sim;

import java.lang.reflect.Constructor;
import java.lang.reflect.InaccessibleObjectException;
import java.util.concurrent.Executor;

/**
 * Checks, once, the JDK internals the kernel relies on, and says exactly what to change when one
 * is missing: JDK 25 or later (timed parks reach the scheduler), and the test-only virtual thread
 * builder that takes a scheduler, which needs {@code --add-opens java.base/java.lang=ALL-UNNAMED}.
 */
final class SelfTest {
  static final String ADD_OPENS = "--add-opens java.base/java.lang=ALL-UNNAMED";
  /** Whether the checks passed: the JDK and its options do not change while the JVM runs. */
  private static volatile boolean passed;

  private SelfTest() {}

  static void check() {
    if (passed) {
      return; // every seed of a sweep would otherwise repeat the reflective look-ups
    }
    int feature = Runtime.version().feature();
    if (feature < 25) {
      throw new SimulationException("Steelmill simulation needs JDK 25 or later; this is JDK "
          + Runtime.version() + ". Fix: run the tests on JDK 25 (production code can stay on 21).");
    }
    builderConstructor();
    try {
      java.util.concurrent.ForkJoinPool.class.getMethod(
          "schedule", Runnable.class, long.class, java.util.concurrent.TimeUnit.class);
    } catch (NoSuchMethodException e) {
      throw new SimulationException("This JDK (" + Runtime.version() + ") lacks"
          + " ForkJoinPool.schedule, through which timed waits reach the simulation's scheduler."
          + " Fix: run simulations on JDK 25.", e);
    }
    passed = true;
  }

  static Constructor<?> builderConstructor() {
    try {
      Constructor<?> constructor =
          Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder")
              .getDeclaredConstructor(Executor.class);
      constructor.setAccessible(true);
      return constructor;
    } catch (InaccessibleObjectException e) {
      throw new SimulationException("Steelmill simulation needs the JVM option " + ADD_OPENS
          + ". Fix: add it to the surefire <argLine>, to .mvn/jvm.config for exec:java, or to"
          + " the java command line.", e);
    } catch (ReflectiveOperationException e) {
      throw new SimulationException("This JDK (" + Runtime.version() + ") has no"
          + " ThreadBuilders$VirtualThreadBuilder(Executor); Steelmill simulation was built for"
          + " JDK 25.", e);
    }
  }
}
