package io.steelmill.sim;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells the {@code java.util.Random} generators a run may draw from: those its own code made,
 * outside a static initializer. Any other lives from run to run ({@code static final Random
 * RANDOM = new Random()}, seeded or not, or one an earlier run made): what a task draws from it
 * depends on what was drawn before in the JVM, not on the seed, so a run of one seed drew other
 * values after another run, silently. (A {@code new Random()} made in the run draws from the
 * run's seed: the agent's {@code RandomHooks}.) The agent reports every {@code Random}'s
 * construction and every draw of a run's code to {@link Escapes}; the map is weak, so it keeps
 * no generator alive.
 *
 * <p>Thread pools ({@code ThreadPoolExecutor}, {@code ForkJoinPool}) are told apart the same way: one the run did not
 * make has threads that live from run to run, so work a task gives it runs outside the run.
 */
final class SharedRandoms {
  private static final StackWalker WALKER = StackWalker.getInstance();
  private static final AtomicLong RUNS = new AtomicLong();
  /** Each generator a run's code made, with that run's number. */
  private static final Map<Object, Long> MAKERS = Collections.synchronizedMap(new WeakHashMap<>());

  private SharedRandoms() {}

  /** A number for a new run, never reused in this JVM. */
  static long nextRun() {
    return RUNS.incrementAndGet();
  }

  /** Run {@code run}'s code made {@code random}: its own, unless a static initializer made it. */
  static void made(Object random, long run) {
    if (!inStaticInitializer()) {
      MAKERS.put(random, run);
    }
  }

  /**
   * Whether a static initializer runs on this thread: what it does happens in the JVM's first run
   * that touches its class only, never again in a later run of the same seed.
   */
  static boolean inStaticInitializer() {
    return WALKER.walk(frames -> frames.anyMatch(f -> f.getMethodName().equals("<clinit>")));
  }

  /** The class whose static initializer runs on this thread (the innermost), or null. */
  static String initializerRunning() {
    return WALKER.walk(frames -> frames.filter(f -> f.getMethodName().equals("<clinit>"))
        .map(StackWalker.StackFrame::getClassName).findFirst().orElse(null));
  }

  /** Why run {@code run} must not draw from {@code random}, or null when it may. */
  static String sharedBy(Object random, long run) {
    Long maker = MAKERS.get(random);
    if (maker != null && maker == run) {
      return null;
    }
    return maker != null ? "that an earlier run of this JVM made"
        : "made outside this run (before it, or by a static initializer)";
  }
}
