package io.steelmill.sim;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.Predicate;

/**
 * Runs many seeds, several at once, and hands their results over in seed order whatever order
 * they finish in, so what a sweep prints does not depend on how many jobs ran it. Each seed is
 * its own {@link Simulation} with its own carrier thread; simulations share nothing, so every
 * seed gives the trace it gives alone.
 *
 * <pre>{@code
 * SeedSweep.run(seeds, 4, seed -> runOneSeed(seed), result -> print(result), r -> !r.passed());
 * }</pre>
 */
public final class SeedSweep {
  /**
   * Seeds started but not yet handed over, per job: results are handed over in seed order, so a
   * seed that takes several times the mean holds the others' results back; with a window of two
   * per job a worker soon had nothing left to start and idled until the slow seed ended (seeds of
   * the store example differ tenfold in length). Eight per job keeps the workers busy past a seed
   * of about eight times the mean, and bounds the results held in memory.
   */
  static final int WINDOW_PER_JOB = 8;

  private SeedSweep() {}

  /**
   * Runs {@code seeds} on {@code jobs} threads; calls {@code inOrder} on the calling thread with
   * each result, in the order of {@code seeds}. After a result for which {@code stop} holds, no
   * further seed starts, the running ones finish and their results are dropped.
   *
   * @return how many results were handed over
   * @throws IllegalArgumentException if {@code jobs < 1}
   * @throws SimulationException if running a seed threw (not a failed run: that is a result)
   */
  public static <R> int run(
      List<Long> seeds, int jobs, LongFunction<R> run, Consumer<R> inOrder, Predicate<R> stop) {
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be at least 1, not " + jobs);
    }
    if (jobs == 1) {
      return sequential(seeds, run, inOrder, stop);
    }
    // SLF4J initializes on first use; seeds starting at once would race into it, and it would
    // queue their log calls and replay them with a warning. Initialize it once, first.
    org.slf4j.LoggerFactory.getILoggerFactory();
    if (seeds.isEmpty()) {
      return 0;
    }
    // Seeds start side by side from the first: a task that meets a class another seed is still
    // loading waits within its step (the run loop settles monitors held outside the
    // simulation). The kernel takes no thread snapshot of such a blocked task when the JVM runs
    // without JVMTI's virtual-thread bookkeeping (JvmtiTransitions.SNAPSHOTS_SAFE), where
    // JDK 25.0.3's snapshot would never return.
    int window = jobs * WINDOW_PER_JOB;
    // each job keeps one carrier thread for all its seeds (CarrierThread.keepWhile)
    ThreadFactory threads = OwnThread.factory("steelmill-sweep-");
    ExecutorService workers = Executors.newFixedThreadPool(
        jobs, work -> threads.newThread(() -> CarrierThread.keepWhile(work)));
    ArrayDeque<Future<R>> pending = new ArrayDeque<>();
    int next = 0;
    int handed = 0;
    try {
      while (next < seeds.size() || !pending.isEmpty()) {
        while (next < seeds.size() && pending.size() < window) {
          long seed = seeds.get(next++);
          pending.add(workers.submit(() -> run.apply(seed)));
        }
        R result = await(pending.poll(), seeds.get(handed));
        inOrder.accept(result);
        handed++;
        if (stop.test(result)) {
          break;
        }
      }
    } finally {
      for (Future<R> future : pending) {
        future.cancel(false); // not started: never starts; running: finishes, result dropped
      }
      workers.shutdown();
      awaitQuietly(workers);
    }
    return handed;
  }

  private static <R> int sequential(
      List<Long> seeds, LongFunction<R> run, Consumer<R> inOrder, Predicate<R> stop) {
    int[] handed = {0};
    CarrierThread.keepWhile(() -> { // one carrier thread for all the seeds, as a job has
      for (long seed : seeds) {
        R result = runOne(run, seed);
        inOrder.accept(result);
        handed[0]++;
        if (stop.test(result)) {
          break;
        }
      }
    });
    return handed[0];
  }

  /** Runs one seed on the calling thread; a throw names the seed, as from a worker. */
  private static <R> R runOne(LongFunction<R> run, long seed) {
    try {
      return run.apply(seed);
    } catch (RuntimeException e) {
      throw couldNotRun(seed, e);
    }
  }

  private static SimulationException couldNotRun(long seed, Throwable cause) {
    return new SimulationException("seed " + seed + " could not be run: " + cause, cause);
  }

  private static <R> R await(Future<R> future, long seed) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return future.get();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } catch (ExecutionException e) {
      throw couldNotRun(seed, e.getCause());
    } catch (CancellationException e) {
      throw new SimulationException("seed " + seed + " was cancelled", e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void awaitQuietly(ExecutorService workers) {
    try {
      while (!workers.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES)) {
        // a seed is still running: its simulation's own watchdog and time limit bound it
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
