package io.steelmill.sim;

import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.platform.Daemons;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * The simulated {@link Daemons}: every thread is a task of the running simulation, tagged with
 * the calling task's node.
 */
@Ambient
@Daemon
@io.steelmill.Simulation
public final class SimDaemons implements Daemons {
  public SimDaemons() {}

  @Override
  public Thread start(String name, Runnable body) {
    Simulation sim = Simulation.current();
    return sim.spawn(qualified(sim, name), body);
  }

  @Override
  public ThreadFactory threadFactory(String prefix) {
    Simulation sim = Simulation.current();
    return sim.threadFactory(qualified(sim, prefix));
  }

  @Override
  public ExecutorService executor(String name) {
    return Executors.newThreadPerTaskExecutor(threadFactory(name));
  }

  private static String qualified(Simulation sim, String name) {
    String node = sim.node();
    return node.isEmpty() || name.contains("/") ? name : node + "/" + name;
  }
}
