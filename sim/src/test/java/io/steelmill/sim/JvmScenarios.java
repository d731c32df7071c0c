package io.steelmill.sim;

import io.steelmill.runtime.NodeId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs whose trace and report must not depend on the JVM they run in: each is run in the test's
 * JVM (after others, with threads and identity hashes already used) and by {@link #main} in a
 * fresh JVM, and the two reports must be equal.
 */
final class JvmScenarios {
  private JvmScenarios() {}

  public static void main(String[] args) {
    System.out.print(run(args[0], Long.parseLong(args[1])).report());
  }

  static SimResult run(String scenario, long seed) {
    Simulation.Body body = switch (scenario) {
      case "latchHang" -> JvmScenarios::latchHang;
      case "identityInFailure" -> JvmScenarios::identityInFailure;
      case "lockCycle" -> JvmScenarios::lockCycle;
      case "shutdownNow" -> JvmScenarios::shutdownNow;
      case "partition" -> JvmScenarios::partition;
      case "identityOrder" -> JvmScenarios::identityOrder;
      default -> throw new IllegalArgumentException(scenario);
    };
    return Simulation.builder().seed(seed).maxVirtualTime(Duration.ofMinutes(10)).build().run(body);
  }

  /** A hang whose blockers print identity hash codes ({@code CountDownLatch$Sync@1b3d0e12}). */
  private static void latchHang() throws Exception {
    Simulation sim = Simulation.current();
    CountDownLatch never = new CountDownLatch(1);
    sim.spawn(NodeId.of("a"), "waiter", () -> {
      try {
        never.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    sim.sleep(Duration.ofMillis(3));
    never.await();
  }

  /** A failure whose message holds an identity hash and a thread's JVM-wide id. */
  private static void identityInFailure() throws Exception {
    Simulation sim = Simulation.current();
    Object token = new Object();
    Thread worker = sim.spawn(NodeId.of("a"), "worker", () -> {});
    worker.join();
    sim.trace("token " + token + " worker " + worker + " lambda " + (Runnable) () -> {});
    throw new AssertionError("stuck on " + token + " after " + worker);
  }

  /** Two tasks deadlock on two locks while a heartbeat timer keeps the run busy. */
  static void lockCycle() throws Exception {
    Simulation sim = Simulation.current();
    ReentrantLock first = new ReentrantLock();
    ReentrantLock second = new ReentrantLock();
    heartbeat(sim);
    sim.spawn(NodeId.of("a"), "forward", () -> inOrder(sim, first, second));
    sim.spawn(NodeId.of("b"), "backward", () -> inOrder(sim, second, first));
    sim.sleep(Duration.ofMinutes(5));
  }

  static void heartbeat(Simulation sim) {
    sim.spawn(NodeId.of("hb"), "heartbeat", () -> {
      try {
        while (true) {
          sim.sleep(Duration.ofMillis(100));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  private static void inOrder(Simulation sim, ReentrantLock one, ReentrantLock two) {
    one.lock();
    try {
      sim.sleep(Duration.ofMillis(1));
      two.lock();
      two.unlock();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      one.unlock();
    }
  }

  /**
   * {@code shutdownNow} of a thread-per-task executor interrupts its threads in the order of a
   * hash set of threads: the order they wake in must not show in the trace.
   */
  private static void shutdownNow() throws Exception {
    Simulation sim = Simulation.current();
    ExecutorService executor = Executors.newThreadPerTaskExecutor(sim.threadFactory("w/worker"));
    List<String> order = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      executor.submit(() -> {
        try {
          sim.sleep(Duration.ofHours(1));
        } catch (InterruptedException e) {
          order.add(Thread.currentThread().getName());
          sim.trace("interrupted " + Thread.currentThread().getName());
        }
        return null;
      });
    }
    sim.sleep(Duration.ofMillis(1));
    executor.shutdownNow();
    sim.sleep(Duration.ofMillis(1));
    sim.trace("order " + order);
  }

  /**
   * A planted leak, for the checks that must catch it: tasks kept in a {@code HashMap} whose keys
   * are hashed by identity (plain objects, a daemon's handle without {@code hashCode}), woken in
   * the map's order, which the JVM's identity hashes decide. (Not a set of the threads
   * themselves: a virtual thread's hash code is its JVM-wide thread id, another order.)
   */
  private static void identityOrder() throws Exception {
    Simulation sim = Simulation.current();
    java.util.Map<Object, Thread> sleepers = new java.util.HashMap<>();
    for (int i = 0; i < 8; i++) {
      String name = "s/sleeper-" + i;
      sleepers.put(new Object(), sim.spawn(NodeId.of("s"), "sleeper-" + i, () -> {
        try {
          sim.sleep(Duration.ofHours(1));
        } catch (InterruptedException e) {
          sim.trace("woken " + name);
        }
      }));
    }
    sim.sleep(Duration.ofMillis(1));
    for (Thread sleeper : sleepers.values()) {
      sleeper.interrupt();
      sim.sleep(Duration.ofMillis(1)); // one at a time: the order shows in the trace
    }
  }

  /** A partition given as {@code Set.of}, whose iteration order is salted per JVM. */
  private static void partition() throws Exception {
    Simulation sim = Simulation.current();
    SimNetwork network = new SimNetwork();
    List<io.steelmill.platform.Endpoint<String>> endpoints = new ArrayList<>();
    for (String node : List.of("n1", "n2", "n3", "n4", "n5", "n6", "n7")) {
      String previous = io.steelmill.runtime.internal.NodeContext.enter(node);
      try {
        endpoints.add(network.bind("s", io.steelmill.platform.Codec.utf8()));
      } finally {
        io.steelmill.runtime.internal.NodeContext.restore(previous);
      }
    }
    network.partition(Set.of("n3", "n1", "n7", "n5"), Set.of("n2", "n6", "n4"));
    sim.trace("nodes " + network.nodes());
    network.heal();
    network.isolate("n4");
  }
}
