package io.steelmill.testing;

import io.steelmill.sim.Simulation;
import io.steelmill.sim.SplitMix64;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * User code whose order depends on the JVM, not the seed: run by {@link JvmOrderTest} only,
 * through the JUnit engine, so that the determinism self-check must catch each.
 */
final class JvmOrderFixtures {
  private JvmOrderFixtures() {}

  /** Starts {@code count} tasks that each sleep a moment. */
  static List<Thread> tasks(Simulation sim, int count) {
    List<Thread> tasks = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      tasks.add(sim.spawn("n" + i + "/task", () -> {
        try {
          Simulation.current().sleep(Duration.ofMillis(1));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
    }
    return tasks;
  }

  static class IteratesAHashSetOfThreads {
    @SimulationTest(seeds = 1)
    void hashSetOfThreads(Simulation sim) throws Exception {
      Set<Thread> threads = new HashSet<>(tasks(sim, 12));
      for (Thread thread : threads) {
        sim.trace("visit " + thread.getName()); // identity hash order
        thread.join();
      }
    }
  }

  static class IteratesAMapKeyedByThreadId {
    @SimulationTest(seeds = 1)
    void mapByThreadId(Simulation sim) throws Exception {
      Map<Long, Thread> byId = new HashMap<>();
      for (Thread thread : tasks(sim, 24)) {
        byId.put(thread.threadId(), thread); // a JVM-wide counter
      }
      for (Thread thread : byId.values()) {
        sim.trace("visit " + thread.getName());
      }
    }
  }

  /**
   * Names whose hash codes are spread over the table. A JVM's salt picks only where iteration
   * starts in a {@code Set.of} or {@code Map.of} table (and its direction), so two JVMs give the
   * same order when both starts fall into the same run of empty slots; names like "host-1",
   * "host-2" hash to neighbouring slots and leave a few large runs (about 1 in 30 pairs of JVMs
   * agreed), spread names leave many small ones (under 1 in 100 in a model of the JDK's tables; {@link
   * JvmOrderTest} gives the fresh JVM three chances).
   */
  static String[] spreadNames(String prefix, int count) {
    SplitMix64 random = new SplitMix64(count);
    String[] names = new String[count];
    for (int i = 0; i < count; i++) {
      names[i] = prefix + Long.toUnsignedString(random.nextLong() >>> 20);
    }
    return names;
  }

  static class IteratesSetOf {
    @SimulationTest(seeds = 1)
    void setOf(Simulation sim) throws Exception {
      for (int size : new int[] {61, 67, 71}) { // three tables: their empty runs differ
        StringBuilder order = new StringBuilder();
        for (String name : Set.of(spreadNames("host-", size))) {
          order.append(name).append(' ');
        }
        sim.trace("order " + order);
        sim.sleep(Duration.ofMillis(1));
      }
    }
  }

  static class IteratesMapOfEntries {
    @SimulationTest(seeds = 1)
    void mapOf(Simulation sim) throws Exception {
      Map<String, Integer> map = new TreeMap<>();
      String[] keys = spreadNames("k", 97);
      for (int i = 0; i < keys.length; i++) {
        map.put(keys[i], i);
      }
      Map<String, Integer> salted = Map.copyOf(map); // iterates like Map.of: salted per JVM
      StringBuilder order = new StringBuilder();
      salted.forEach((key, value) -> order.append(key).append(' '));
      sim.trace("order " + order);
    }
  }

  static class SortsWhatItIterates {
    @SimulationTest(seeds = 2)
    void sorted(Simulation sim) throws Exception {
      Set<Thread> threads = new HashSet<>(tasks(sim, 12));
      Map<String, Thread> byName = new TreeMap<>();
      for (Thread thread : threads) {
        byName.put(thread.getName(), thread);
      }
      for (Thread thread : byName.values()) {
        sim.trace("visit " + thread.getName());
        thread.join();
      }
      for (String name : new TreeMap<>(Map.of("b", 1, "a", 2, "c", 3)).keySet()) {
        sim.trace("key " + name);
      }
    }
  }
}
