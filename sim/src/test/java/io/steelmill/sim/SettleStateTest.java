package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * While a step waits for a monitor held outside, the run says so ({@code settling}) so that
 * another run of the JVM may snapshot its threads; once the monitor is handed over and the task
 * runs its own code within the step, it must say so no longer: a snapshot then could meet a
 * hand-off in flight (it moved a class-loading hand-off between two seeds of a sweep and changed
 * a seed's trace). The flag was set once per wait and cleared only when the step ended.
 */
class SettleStateTest {
  @Test
  void aTaskHandedAMonitorHeldOutsideRunsWithTheRunNoLongerSettling() throws Exception {
    Object lock = new Object();
    AtomicReference<Thread> task = new AtomicReference<>();
    Thread holder = new Thread(() -> {
      synchronized (lock) {
        Thread waiting;
        while ((waiting = task.get()) == null || waiting.getState() != Thread.State.BLOCKED) {
          Thread.onSpinWait();
        }
        try {
          Thread.sleep(100); // the step is in its wait for the owner outside
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    holder.setDaemon(true);
    AtomicReference<Boolean> settlingInside = new AtomicReference<>();
    AtomicReference<Boolean> settlingAfter = new AtomicReference<>();
    holder.start();
    SimResult result = Simulation.builder().seed(11).build().run(() -> {
      Simulation sim = Simulation.current();
      task.set(Thread.currentThread());
      synchronized (lock) {
        settlingInside.set(sim.state.settling);
        sim.trace("entered");
      }
      sim.sleep(Duration.ofMillis(1));
      settlingAfter.set(sim.state.settling);
    });
    holder.join();

    assertThat(result.failure()).as(result.report()).isNull();
    assertThat(settlingInside.get()).as("settling while the handed-over task runs").isFalse();
    assertThat(settlingAfter.get()).isFalse();
    assertThat(result.traceTail()).anyMatch(line -> line.contains("entered"));
  }
}
