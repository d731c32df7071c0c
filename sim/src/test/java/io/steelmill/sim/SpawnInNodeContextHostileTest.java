package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.runtime.NodeId;
import io.steelmill.runtime.internal.NodeContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Work a node starts where the starting code is not one of that node's tasks: in its construction
 * or lifecycle calls, which run on the task that builds or starts the node (the node's context
 * says whose code runs), whatever the node's name; and work started after a timer woke a task.
 * Before, such work belonged to the task that ran the construction (the main task: no node), so
 * a crash of the node did not reach it.
 */
class SpawnInNodeContextHostileTest {

  /** Every way of starting work; each started piece logs the node it is on. */
  private static void startEveryWay(Simulation sim, String tag, List<String> seen) {
    Thread.ofVirtual().name("ambient/raw").start(() -> seen.add(tag + " raw on " + sim.nodeId()));
    sim.spawn("spawned", () -> seen.add(tag + " spawn on " + sim.nodeId()));
    sim.threadFactory("made").newThread(() -> seen.add(tag + " factory on " + sim.nodeId()))
        .start();
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    executor.submit(() -> seen.add(tag + " executor on " + sim.nodeId()));
    CompletableFuture.runAsync(() -> seen.add(tag + " future on " + sim.nodeId()), executor)
        .thenRunAsync(() -> seen.add(tag + " callback on " + sim.nodeId()), executor);
  }

  private static SimResult run(long seed, List<String> seen, Consumer<Simulation> crash) {
    return Simulation.builder().seed(seed).build().run(() -> {
      Simulation sim = Simulation.current();
      for (String name :
          List.of("alice", "", " ", "ambient/x", "é\uD83D\uDE00", "b".repeat(10_000))) {
        String previous = NodeContext.enter(name.isEmpty() ? "carol" : name);
        try {
          startEveryWay(sim, "built[" + name.length() + "]", seen); // as in a constructor
        } finally {
          NodeContext.restore(previous);
        }
      }
      sim.spawn(NodeId.of("bob"), "boot", () -> {
        Thread waker = Thread.currentThread(); // a timer wakes the task; it starts the work
        sim.schedule(1_000, () -> java.util.concurrent.locks.LockSupport.unpark(waker));
        java.util.concurrent.locks.LockSupport.park();
        startEveryWay(sim, "timer", seen);
      });
      sim.sleep(Duration.ofMillis(1));
      crash.accept(sim);
      sim.sleep(Duration.ofSeconds(1));
    });
  }

  @Test
  void workStartedInANodesConstructionOrAfterATimerIsThatNodesWork() {
    List<String> seen = new CopyOnWriteArrayList<>();
    SimResult result = run(3, seen, sim -> { });
    assertThat(result.failure()).isNull();
    for (String way : List.of("raw", "spawn", "factory", "executor", "future", "callback")) {
      assertThat(seen).contains("built[5] " + way + " on alice", "built[0] " + way + " on carol",
          "built[1] " + way + " on  ", "built[9] " + way + " on ambient/x",
          "built[3] " + way + " on é\uD83D\uDE00",
          "built[10000] " + way + " on " + "b".repeat(10_000),
          "timer " + way + " on bob");
    }
    assertThat(seen).hasSize(7 * 6);
  }

  @Test
  void aCrashReachesWorkStartedInConstructionOrByAnotherNodesTask() {
    List<String> seen = new CopyOnWriteArrayList<>();
    SimResult result = Simulation.builder().seed(4).build().run(() -> {
      Simulation sim = Simulation.current();
      String previous = NodeContext.enter("alice");
      try {
        Thread.ofVirtual().start(() -> sleepThenLog(sim, seen, "built"));
      } finally {
        NodeContext.restore(previous);
      }
      sim.spawn(NodeId.of("alice"), "boot", () -> {
        String outer = NodeContext.enter("alice"); // a lifecycle call on the node's own task
        try {
          Thread.ofVirtual().start(() -> sleepThenLog(sim, seen, "own"));
        } finally {
          NodeContext.restore(outer);
        }
      });
      sim.spawn(NodeId.of("dave"), "builds", () -> {
        String outer = NodeContext.enter("alice"); // dave's task builds a node of alice's
        try {
          Thread.ofVirtual().start(() -> sleepThenLog(sim, seen, "nested"));
        } finally {
          NodeContext.restore(outer);
        }
      });
      sim.sleep(Duration.ofMillis(1));
      sim.crash("alice");
      sim.sleep(Duration.ofSeconds(2));
    });
    assertThat(result.failure()).isNull();
    assertThat(seen).isEmpty();
  }

  @Test
  void theSameSeedGivesTheSameTraceAloneAndSideBySide() throws Exception {
    String alone = run(5, new CopyOnWriteArrayList<>(), sim -> sim.crash("alice")).traceSha256();
    try (ExecutorService two = Executors.newFixedThreadPool(2)) {
      var a = two.submit(() -> run(5, new CopyOnWriteArrayList<>(), sim -> sim.crash("alice")));
      var b = two.submit(() -> run(5, new CopyOnWriteArrayList<>(), sim -> sim.crash("bob")));
      assertThat(a.get().traceSha256()).isEqualTo(alone);
      assertThat(b.get().failure()).isNull();
    }
  }

  private static void sleepThenLog(Simulation sim, List<String> seen, String what) {
    try {
      sim.sleep(Duration.ofSeconds(1));
      seen.add(what + " survived the crash");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
