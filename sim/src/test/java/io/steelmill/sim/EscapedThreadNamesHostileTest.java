package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A hang report lists the platform threads started during the run: they escaped the simulation
 * and are often what a hung task waits for. The simulator's own threads (other simulations'
 * carriers, a sweep's jobs) were left out by their names, so an escaped thread that took such a
 * name ("steelmill-sweep-1", "steelmill-sim-carrier-7") was left out too. They are known by
 * their class now, and a thread is listed whatever its name.
 */
class EscapedThreadNamesHostileTest {
  @Test
  void anEscapedThreadIsListedWhateverItsName() throws Exception {
    List<String> names = List.of("steelmill-sweep-1", "steelmill-sim-carrier-7", "main",
        "ambient/x", "helper");
    CountDownLatch end = new CountDownLatch(1);
    List<Thread> started = new ArrayList<>();
    // a timer action that starts a thread is stopped as an escape (TimerActionHostileTest): these
    // are made during the run (so their ids follow the carrier's) and started by a real thread
    // outside it, as a thread that escaped earlier would (a hand-made one: work given to a pool
    // made before the run is an escape of its own, EscapesRedTeam15bTest)
    BlockingQueue<FutureTask<?>> work = new LinkedBlockingQueue<>();
    Thread starter = new Thread(() -> {
      try {
        while (true) {
          work.take().run();
        }
      } catch (InterruptedException e) {
        // stopped
      }
    }, "starter");
    starter.setDaemon(true);
    starter.start();
    try {
      SimResult result = Simulation.builder().seed(1).build().run(() -> {
        Simulation sim = Simulation.current();
        sim.schedule(1_000, () -> { // on the carrier: real threads, outside any task
          for (String name : names) {
            Thread thread = new Thread(() -> awaitQuietly(end), name);
            thread.setDaemon(true);
            started.add(thread);
          }
          try {
            FutureTask<Void> start = new FutureTask<>(() -> started.forEach(Thread::start), null);
            work.put(start);
            start.get(); // untimed: a timed wait in a timer action is an escape of its own
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        sim.sleep(java.time.Duration.ofMillis(1));
        LockSupport.park(); // nothing in the simulation wakes it: a hang
      });
      assertThat(result.failure()).isNotNull().hasMessageContaining("Hang");
      for (String name : names) {
        assertThat(result.failure().getMessage()).as(name).contains("\n  " + name + " ");
      }
    } finally {
      starter.interrupt();
      end.countDown();
      for (Thread thread : started) {
        thread.join();
      }
    }
  }

  private static void awaitQuietly(CountDownLatch end) {
    try {
      end.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
