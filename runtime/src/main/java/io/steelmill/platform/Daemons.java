package io.steelmill.platform;

import io.steelmill.Production;
import io.steelmill.Simulation;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;

/**
 * The only threads daemon code should start: in simulation they are tasks of the simulation (so
 * {@code CompletableFuture} work and thread pools stay deterministic); in production, virtual
 * threads. Pass {@link #executor(String)} to every {@code *Async} call.
 */
@Production(VirtualDaemons.class)
@Simulation(bySimulator = true)
public interface Daemons {
  /** Starts {@code body} on a new thread named {@code name}. */
  Thread start(String name, Runnable body);

  /** A factory of threads named {@code prefix-N}. */
  ThreadFactory threadFactory(String prefix);

  /** An executor with a thread per task, named {@code name-N}; close it when done. */
  ExecutorService executor(String name);
}
