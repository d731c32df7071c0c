package io.steelmill.sim;

import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.platform.Daemons;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * The simulated {@link Daemons}: every thread is a task of the running simulation that carries
 * the calling code's {@link io.steelmill.runtime.NodeId}, named {@code node/name}.
 */
@Ambient
@Daemon
@io.steelmill.Simulation
public final class SimDaemons implements Daemons {
  public SimDaemons() {}

  @Override
  public Thread start(String name, Runnable body) {
    Simulation sim = Simulation.current();
    return sim.spawn(sim.nodeId(), name, body);
  }

  @Override
  public ThreadFactory threadFactory(String prefix) {
    Simulation sim = Simulation.current();
    return sim.threadFactory(sim.nodeId(), prefix);
  }

  @Override
  public ExecutorService executor(String name) {
    return Executors.newThreadPerTaskExecutor(threadFactory(name));
  }
}
