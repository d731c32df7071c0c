package io.steelmill.sim;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The platform thread a simulation's run loop runs on. By default every run gets a new one. A
 * seed sweep keeps one per job instead ({@link #keepWhile}): with a new thread per seed the
 * operating system placed each seed's carrier afresh, often on the core the previous seed had
 * not warmed, and a seed cost a tenth more CPU (BENCHMARKS.md, issue 13, "Carriers that stay").
 *
 * <p>A kept carrier starts each run as a new thread would: with the seed's name, the interrupt
 * status cleared, the caller's context class loader, and no {@code ThreadLocalRandom} state (the
 * JDK keeps a virtual thread's random probe on its carrier, and a probe left from an earlier run
 * would hide that a task submitted work to the common pool: {@link CommonPoolWatch}). The run
 * loop removes what it set on the thread; a carrier whose run threw, or that the watchdog
 * abandoned, is never used again. One carrier per calling thread, so simulations side by side
 * never share one. A kept carrier ends when its caller's {@code keepWhile} ends, or after {@link
 * #IDLE} without work; it is a daemon thread either way. A kept carrier, and one for one run
 * while another carrier is alive, starts between two idle threads ({@link CarrierSpacers}), so
 * that two carriers do not fight over one cache line of the JVM's per-thread slots on every task
 * switch.
 */
final class CarrierThread {
  /** How long a kept carrier waits for its caller's next simulation before it ends. */
  static final Duration IDLE = Duration.ofSeconds(10);

  private static final ThreadLocal<Keeping> KEEPING = new ThreadLocal<>();
  private static final VarHandle[] RANDOM_STATE = randomState();

  private final Thread thread;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition handedOver = lock.newCondition();
  /** The first run: handed over before the thread starts. */
  private Runnable first;
  /** The run handed over and not yet taken; guarded by {@link #lock}. */
  private Runnable next;
  /** Ended, or never to be used again; guarded by {@link #lock}. */
  private boolean retired;
  /** The idle threads around this carrier, if any ({@link CarrierSpacers}); ended with it. */
  private final CarrierSpacers spacers = new CarrierSpacers();

  private CarrierThread(String name) {
    this.thread = OwnThread.unstarted(name, this::serve);
  }

  /**
   * Runs {@code body} on the calling thread with every simulation it runs meanwhile carried by
   * one kept carrier thread, which ends when {@code body} returns. Nested calls keep the same one.
   */
  static void keepWhile(Runnable body) {
    if (KEEPING.get() != null || RANDOM_STATE == null) {
      body.run();
      return;
    }
    Keeping keeping = new Keeping();
    KEEPING.set(keeping);
    try {
      body.run();
    } finally {
      KEEPING.remove();
      if (keeping.carrier != null) {
        keeping.carrier.retire();
      }
    }
  }

  /**
   * Starts {@code loop} on a carrier: the calling thread's kept one when it keeps one ({@link
   * #keepWhile}), else a new thread that ends with the run.
   */
  static Run start(String name, Runnable loop) {
    Keeping keeping = KEEPING.get();
    if (keeping != null && keeping.carrier != null) {
      Run run = keeping.carrier.new Run(name, loop);
      if (keeping.carrier.handOver(run.task)) {
        return run;
      }
    }
    CarrierThread fresh = new CarrierThread(name);
    Run run = fresh.new Run(name, loop);
    fresh.first = run.task;
    if (keeping != null) {
      keeping.carrier = fresh;
    } else {
      fresh.retired = true; // one run only
    }
    fresh.spacers.start(fresh.thread, keeping != null); // publishes first and retired
    return run;
  }

  /** Gives this carrier its next run; false if it has ended or must not be used again. */
  private boolean handOver(Runnable task) {
    lock.lock();
    try {
      if (retired) {
        return false;
      }
      next = task; // taken as soon as the carrier is back from its last run, or at once
      handedOver.signal();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** The carrier's own loop: runs what it is handed until it idles out or is retired. */
  private void serve() {
    Runnable task = first;
    first = null;
    try {
      while (task != null) {
        task.run();
        task = take();
      }
    } finally {
      spacers.release();
    }
  }

  /** The next run, or null (and retired) after {@link #IDLE} without one or once retired. */
  private Runnable take() {
    long left = IDLE.toNanos();
    lock.lock();
    try {
      while (next == null && !retired && left > 0) {
        try {
          left = handedOver.awaitNanos(left);
        } catch (InterruptedException e) {
          // an interrupt meant for a run that has ended, not for this loop: wait on
        }
      }
      Runnable task = retired ? null : next;
      next = null;
      retired = task == null;
      return task;
    } finally {
      lock.unlock();
    }
  }

  private void retire() {
    lock.lock();
    try {
      retired = true;
      handedOver.signal();
    } finally {
      lock.unlock();
    }
  }

  /** What a new thread starts without: the JDK's {@code ThreadLocalRandom} fields. */
  private static void clearRandomState(Thread thread) {
    RANDOM_STATE[0].set(thread, 0L);
    RANDOM_STATE[1].set(thread, 0);
    RANDOM_STATE[2].set(thread, 0);
  }

  /** Handles on {@code Thread}'s random fields, or null: then no carrier is kept. */
  private static VarHandle[] randomState() {
    try {
      MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(Thread.class,
          MethodHandles.lookup());
      return new VarHandle[] {
          lookup.findVarHandle(Thread.class, "threadLocalRandomSeed", long.class),
          lookup.findVarHandle(Thread.class, "threadLocalRandomProbe", int.class),
          lookup.findVarHandle(Thread.class, "threadLocalRandomSecondarySeed", int.class)};
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // no --add-opens java.base/java.lang: SelfTest refuses to run anyway
    }
  }

  /** The carrier a thread keeps while in {@link #keepWhile}. */
  private static final class Keeping {
    private CarrierThread carrier;
  }

  /** One simulation's run on a carrier: its thread, and a way to wait for it to end. */
  final class Run {
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Runnable task;

    private Run(String name, Runnable loop) {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      this.task = () -> {
        Thread.interrupted(); // a stale interrupt of an earlier run is not this run's
        thread.setName(name);
        thread.setContextClassLoader(loader);
        if (RANDOM_STATE != null) {
          clearRandomState(thread);
        }
        try {
          loop.run();
        } catch (Throwable e) {
          retire(); // whatever the loop left on this thread, no later run sees it
          throw e;
        } finally {
          ended.countDown();
        }
      };
    }

    /** The platform thread the run loop runs on. */
    Thread thread() {
      return thread;
    }

    /** Waits up to {@code timeout} for the run to end; true if it has. */
    boolean join(Duration timeout) throws InterruptedException {
      return ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The watchdog gave up on this run: its carrier is left to it and never used again. */
    void abandon() {
      retire();
      Keeping keeping = KEEPING.get();
      if (keeping != null && keeping.carrier == CarrierThread.this) {
        keeping.carrier = null;
      }
    }
  }
}
