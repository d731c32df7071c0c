package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A wake-up from a thread outside the simulation fails the run, however close to the end of the
 * task's step it comes. One that came as the carrier looked at the task (the task parked, and
 * already runnable again when looked at) read like a monitor handed over and was run within the
 * step, silently: a run whose schedule a real thread changed passed, with the trace the real
 * thread's timing gave it.
 */
class ForeignUnparkTest {
  private static final int RUNS = 120;

  /** A task parks; a thread outside unparks it the moment it sees it parked. */
  private static SimResult unparkedFromOutside(long seed) throws InterruptedException {
    AtomicReference<Thread> parked = new AtomicReference<>();
    AtomicBoolean ended = new AtomicBoolean();
    Thread outside = new Thread(() -> {
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!ended.get() && System.nanoTime() < deadline) {
        Thread task = parked.get();
        if (task != null && task.getState() == Thread.State.WAITING) {
          LockSupport.unpark(task);
          return;
        }
        Thread.onSpinWait();
      }
    });
    outside.setDaemon(true);
    outside.start();
    SimResult result = Simulation.builder().seed(seed).build().run(() -> {
      parked.set(Thread.currentThread());
      LockSupport.park(); // nothing in the simulation unparks it
      Simulation.current().trace("unparked");
    });
    ended.set(true);
    outside.join(10_000);
    return result;
  }

  @Test
  void aWakeUpFromOutsideFailsTheRunEvenAtTheEndOfAStep() throws InterruptedException {
    List<String> outcomes = new ArrayList<>();
    for (int run = 0; run < RUNS; run++) {
      SimResult result = unparkedFromOutside(run);
      outcomes.add(result.failure() == null ? "passed" : result.failure().getMessage()
          .substring(0, Math.min(60, result.failure().getMessage().length())));
    }
    assertThat(outcomes).as("every run").allMatch(o -> o.startsWith(
        "A wake-up came from outside the simulation") || o.startsWith("Hang: nothing can run"));
    assertThat(outcomes).as("at least one wake-up arrived in time").anyMatch(o -> o.startsWith(
        "A wake-up came from outside the simulation"));
  }
}
