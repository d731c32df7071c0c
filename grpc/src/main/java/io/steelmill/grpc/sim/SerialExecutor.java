package io.steelmill.grpc.sim;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * Runs one call's callbacks one at a time, in order, on another executor: gRPC promises a
 * listener never sees two callbacks at once. Only simulation tasks use it, and they run one at a
 * time on the simulation's carrier, so it needs no lock.
 */
final class SerialExecutor implements Executor {
  private final Executor underlying;
  private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
  private boolean draining;

  SerialExecutor(Executor underlying) {
    this.underlying = underlying;
  }

  @Override
  public void execute(Runnable command) {
    queue.add(command);
    if (!draining) {
      draining = true;
      underlying.execute(this::drain);
    }
  }

  private void drain() {
    try {
      Runnable next;
      while ((next = queue.poll()) != null) {
        next.run();
      }
    } finally {
      draining = false;
      if (!queue.isEmpty()) { // a callback threw (a crash unwinding): the rest never runs
        queue.clear();
      }
    }
  }
}
