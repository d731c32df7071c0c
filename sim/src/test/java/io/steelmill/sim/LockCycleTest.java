package io.steelmill.sim;

import io.steelmill.runtime.NodeId;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.junit.jupiter.api.Test;

/**
 * Deadlocks are reported the moment the cycle forms, though a heartbeat timer keeps the run busy
 * (which used to hide them until the virtual time limit). Issue 14, item 7.
 */
class LockCycleTest {
  private static final Duration LIMIT = Duration.ofHours(1);

  private static SimResult run(long seed, Simulation.Body body) {
    return Simulation.builder().seed(seed).maxVirtualTime(LIMIT).build().run(() -> {
      JvmScenarios.heartbeat(Simulation.current());
      body.run();
    });
  }

  private static String failure(SimResult result) {
    assertThat(result.failure()).as("the run should fail").isNotNull();
    return result.failure().getMessage();
  }

  /** Takes {@code one} then, after a virtual pause, {@code two}. */
  private static void both(Lock one, Lock two) {
    one.lock();
    try {
      Simulation.current().sleep(Duration.ofMillis(1));
      two.lock();
      two.unlock();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      one.unlock();
    }
  }

  /** Enters {@code one} then, after a virtual pause, {@code two}. */
  private static void nested(Object one, Object two) {
    synchronized (one) {
      try {
        Simulation.current().sleep(Duration.ofMillis(1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      synchronized (two) {
        two.hashCode();
      }
    }
  }

  static final class Account {
    @Override
    public String toString() {
      return "an account"; // names come from the class, never from toString
    }
  }

  private static void lockOrderInversion() throws Exception {
    ReentrantLock first = new ReentrantLock();
    ReentrantLock second = new ReentrantLock();
    Simulation sim = Simulation.current();
    sim.spawn(NodeId.of("a"), "forward", () -> both(first, second));
    sim.spawn(NodeId.of("b"), "backward", () -> both(second, first));
    sim.sleep(Duration.ofMinutes(30));
  }

  @Test
  void aReentrantLockCycleIsReportedWhenItFormsWithBothStacksAndLocks() {
    SimResult result = run(1, LockCycleTest::lockOrderInversion);
    String message = failure(result);
    assertThat(result.virtualTime()).isLessThan(Duration.ofMillis(5));
    assertThat(message).startsWith("Deadlock: 2 tasks wait on each other's locks")
        .contains("a/forward (node a)\n    holds ReentrantLock#")
        .contains("b/backward (node b)\n    holds ReentrantLock#")
        .contains("at io.steelmill.sim.LockCycleTest.both(LockCycleTest.java:")
        .contains("Fix: take the locks in one order");
    assertThat(message.split("ReentrantLock#1", -1)).hasSize(3); // held by one, wanted by other
    assertThat(message.split("ReentrantLock#2", -1)).hasSize(3);
    SimResult again = run(1, LockCycleTest::lockOrderInversion);
    assertThat(again.traceSha256()).isEqualTo(result.traceSha256());
    assertThat(again.failure().getMessage()).isEqualTo(message);
  }

  @Test
  void aSynchronizedCycleNamesTheMonitors() {
    SimResult result = run(2, () -> {
      Account left = new Account();
      Account right = new Account();
      Simulation sim = Simulation.current();
      sim.spawn(NodeId.of("a"), "left", () -> nested(left, right));
      sim.spawn(NodeId.of("b"), "right", () -> nested(right, left));
      sim.sleep(Duration.ofMinutes(30));
    });
    String message = failure(result);
    assertThat(result.virtualTime()).isLessThan(Duration.ofMillis(5));
    // a monitor contended between tasks is an escape at its first block, before a cycle can
    // form: the JVM hands it over through its own thread (see EscapesTest); it names the monitor,
    // the task that holds it and where each took or wanted it
    assertThat(message).startsWith("Escape: Task #")
        .contains("blocked entering synchronized on a io.steelmill.sim.LockCycleTest$Account at")
        .contains("which task #")
        .contains("io.steelmill.sim.LockCycleTest.nested(LockCycleTest.java:")
        .doesNotContain("an account");
  }

  @Test
  void aMixedCycleOfThreeAcrossLocksAndMonitors() {
    SimResult result = run(3, () -> {
      ReentrantLock lock = new ReentrantLock();
      Object monitor = new Object();
      ReentrantReadWriteLock table = new ReentrantReadWriteLock();
      Simulation sim = Simulation.current();
      sim.spawn(NodeId.of("a"), "one", () -> {
        lock.lock();
        try {
          sim.sleep(Duration.ofMillis(1));
          synchronized (monitor) {
            monitor.hashCode();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          lock.unlock();
        }
      });
      sim.spawn(NodeId.of("b"), "two", () -> {
        synchronized (monitor) {
          both(table.writeLock(), lock); // holds the monitor, takes the write lock, wants lock
        }
      });
      sim.spawn(NodeId.of("c"), "three", () -> {
        try {
          sim.sleep(Duration.ofNanos(500_000));
        } catch (InterruptedException e) {
          return;
        }
        both(table.writeLock(), table.writeLock()); // reentrant: fine; then waits on b's lock
      });
      sim.sleep(Duration.ofMinutes(30));
    });
    String message = failure(result);
    assertThat(result.virtualTime()).isLessThan(Duration.ofMillis(5));
    // a monitor contended between tasks is an escape at its first block, before a cycle can
    // form: the JVM hands it over through its own thread (see EscapesTest); it names the monitor,
    // the task that holds it and where each took or wanted it
    assertThat(message).startsWith("Escape: Task #")
        .contains("blocked entering synchronized on a java.lang.Object at")
        .contains("which task #");
  }

  @Test
  void aCycleOfThreeTasksIsReportedOnceInOrder() {
    SimResult result = run(4, () -> {
      ReentrantLock x = new ReentrantLock();
      Object y = new Object();
      ReentrantReadWriteLock z = new ReentrantReadWriteLock();
      Simulation sim = Simulation.current();
      sim.spawn(NodeId.of("a"), "xy", () -> {
        x.lock();
        try {
          sim.sleep(Duration.ofMillis(1));
          synchronized (y) {
            y.hashCode();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          x.unlock();
        }
      });
      sim.spawn(NodeId.of("b"), "yz", () -> {
        synchronized (y) {
          try {
            sim.sleep(Duration.ofMillis(1));
          } catch (InterruptedException e) {
            return;
          }
          z.writeLock().lock();
          z.writeLock().unlock();
        }
      });
      sim.spawn(NodeId.of("c"), "zx", () -> both(z.writeLock(), x));
      sim.sleep(Duration.ofMinutes(30));
    });
    String message = failure(result);
    assertThat(result.virtualTime()).isLessThan(Duration.ofMillis(5));
    // a monitor contended between tasks is an escape at its first block, before a cycle can
    // form: the JVM hands it over through its own thread (see EscapesTest); it names the monitor,
    // the task that holds it and where each took or wanted it
    assertThat(message).startsWith("Escape: Task #")
        .contains("blocked entering synchronized on a java.lang.Object at")
        .contains("which task #");
    assertThat(message.indexOf("Escape")).isEqualTo(message.lastIndexOf("Escape"));
  }

  /** A lock that is not reentrant: taking it twice waits for oneself. */
  static final class Mutex extends AbstractQueuedSynchronizer {
    @Override
    protected boolean tryAcquire(int ignored) {
      if (compareAndSetState(0, 1)) {
        setExclusiveOwnerThread(Thread.currentThread());
        return true;
      }
      return false;
    }

    @Override
    protected boolean tryRelease(int ignored) {
      setExclusiveOwnerThread(null);
      setState(0);
      return true;
    }
  }

  @Test
  void aTaskWaitingForALockItHoldsIsADeadlockOfOne() {
    SimResult result = run(5, () -> {
      Mutex mutex = new Mutex();
      mutex.acquire(1);
      mutex.acquire(1);
    });
    assertThat(failure(result)).startsWith("Deadlock: 1 task waits for a lock it holds itself")
        .contains("holds LockCycleTest$Mutex#1").contains("wants LockCycleTest$Mutex#1");
  }

  @Test
  void contentionThatResolvesIsNoDeadlock() {
    for (long seed = 1; seed <= 20; seed++) {
      SimResult result = run(seed, () -> {
        ReentrantLock first = new ReentrantLock();
        ReentrantLock second = new ReentrantLock();
        Object monitor = new Object();
        Semaphore permits = new Semaphore(1);
        Simulation sim = Simulation.current();
        Thread[] tasks = new Thread[6];
        for (int i = 0; i < tasks.length; i++) {
          tasks[i] = sim.spawn("n" + i + "/worker", () -> {
            both(first, second); // the same order everywhere
            synchronized (monitor) {
              both(first, second);
            }
            try {
              permits.acquire();
              both(second, new ReentrantLock());
              permits.release();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
        }
        for (Thread task : tasks) {
          task.join();
        }
      });
      assertThat(result.failure()).as("seed " + seed).isNull();
    }
  }

  @Test
  void aHangOnAHeldLockNamesItsHolder() {
    SimResult result = Simulation.builder().seed(7).build().run(() -> {
      ReentrantLock lock = new ReentrantLock();
      java.util.concurrent.LinkedBlockingQueue<String> never =
          new java.util.concurrent.LinkedBlockingQueue<>();
      Simulation sim = Simulation.current();
      sim.spawn(NodeId.of("a"), "holder", () -> {
        lock.lock();
        try {
          never.take(); // waits for a queue, not a lock: no cycle, a hang
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          lock.unlock();
        }
      });
      sim.sleep(Duration.ofMillis(1));
      lock.lock();
    });
    assertThat(failure(result)).startsWith("Hang:")
        .contains(
            "#0 main WAITING, blocked on java.util.concurrent.locks.ReentrantLock$NonfairSync")
        .contains(", held by #1 a/holder")
        .contains("ReentrantLock$NonfairSync#1").doesNotContainPattern("Sync@[0-9a-f]");
    assertThat(result.report()).contains("ReentrantLock$NonfairSync#1");
  }

  @Test
  void aLockWhoseOwnerEndedWithoutReleasingItIsReportedAtOnce() {
    SimResult result = run(8, () -> {
      ReentrantLock leaked = new ReentrantLock();
      Simulation sim = Simulation.current();
      sim.spawn(NodeId.of("a"), "leaker", leaked::lock).join(); // ends holding it
      Thread waiter = sim.spawn(NodeId.of("b"), "waiter", leaked::lock);
      waiter.join();
    });
    assertThat(result.virtualTime()).isLessThan(Duration.ofMillis(1));
    assertThat(failure(result))
        .startsWith("Deadlock: ReentrantLock#1 is held by thread a/leaker, which ended without"
            + " releasing it; 1 task waits for it forever:")
        .contains("b/waiter (node b)\n    wants ReentrantLock#1, held by thread a/leaker")
        .contains("Fix: release every lock in a finally block");
  }
}
