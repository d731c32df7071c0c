package io.steelmill.sim;

import io.steelmill.runtime.NodeId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The faults the kernel itself applies to nodes: crashes (every task of the node unwinds with
 * {@link NodeCrashed}; listeners such as the network and disks drop its volatile state) and
 * pauses (none of its tasks runs until the pause ends, while time and other nodes go on).
 */
final class Faults {
  private final RunState run;
  private final List<Consumer<String>> crashListeners = new ArrayList<>();
  private final Map<String, Long> pausedUntil = new HashMap<>();
  private final List<Task> held = new ArrayList<>();

  Faults(RunState run) {
    this.run = run;
  }

  void crash(String node) {
    RunState sim = run;
    sim.trace.event(sim.now, "fault crash " + node);
    NodeId id = NodeId.of(node);
    for (Task task : List.copyOf(sim.live.values())) {
      if (task.node.equals(id) && !task.killed) {
        task.killed = true;
        if (task != sim.mountedTask) {
          task.thread.interrupt();
        }
      }
    }
    for (var listener : crashListeners) {
      listener.accept(node);
    }
  }

  void pause(String node, Duration duration) {
    RunState sim = run;
    long until = sim.now + duration.toNanos();
    pausedUntil.merge(node, until, Math::max);
    sim.trace.event(sim.now, "fault pause " + node + " " + duration);
    sim.checkAlive();
    sim.addTimer(duration.toNanos(), () -> {
      if (pausedUntil.getOrDefault(node, 0L) <= sim.now) { // a longer pause may have followed
        pausedUntil.remove(node);
        sim.runQueue.addAll(held);
        held.clear();
        sim.trace.event(sim.now, "resume " + node);
      }
    }, null);
  }

  void onCrash(Consumer<String> listener) {
    crashListeners.add(listener);
  }

  /** Whether {@code task}'s node is paused: then it is held, and runs when the pause ends. */
  boolean holds(Task task, long now) {
    if (!pausedUntil.isEmpty() && pausedUntil.getOrDefault(task.node.name(), 0L) > now) {
      held.add(task);
      return true;
    }
    return false;
  }
}
