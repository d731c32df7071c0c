package io.steelmill.grpc.sim;

import io.steelmill.sim.Simulation;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ScheduledExecutorService} in virtual time for one node: each command is a timer of the
 * simulation that starts a simulated task of the node when it fires (so the command may block),
 * unless the node crashed since. What gRPC's {@code Context.withDeadline} and user code schedule
 * through {@code GrpcChannels.scheduler()}. Shared: {@code shutdown} is refused.
 */
final class SimScheduler extends AbstractExecutorService implements ScheduledExecutorService {
  private final SimGrpcHub hub;
  private final String node;

  SimScheduler(SimGrpcHub hub, String node) {
    this.hub = hub;
    this.node = node;
  }

  @Override
  public void execute(Runnable command) {
    schedule(command, 0, TimeUnit.NANOSECONDS);
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return schedule(new FutureTask<>(command, null), delay, unit);
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    return schedule(new FutureTask<>(callable), delay, unit);
  }

  private <V> Scheduled<V> schedule(FutureTask<V> task, long delay, TimeUnit unit) {
    Simulation sim = Simulation.current();
    Scheduled<V> scheduled = new Scheduled<>(task);
    NodeTransport transport = hub.transport(node);
    if (transport == null || transport.isDown()) {
      task.cancel(false); // the node crashed: what it scheduled never runs
      return scheduled;
    }
    scheduled.timer = transport.timers().after(unit.toNanos(delay), () -> {
      if (!task.isCancelled()) {
        sim.spawn(io.steelmill.runtime.NodeId.of(node), "grpc-scheduled", task);
      }
    });
    return scheduled;
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period,
      TimeUnit unit) {
    return repeat(command, initialDelay, period, unit);
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay,
      long delay, TimeUnit unit) {
    return repeat(command, initialDelay, delay, unit); // a run takes no virtual time unless it waits
  }

  private ScheduledFuture<?> repeat(Runnable command, long initialDelay, long period,
      TimeUnit unit) {
    if (period <= 0) {
      throw new IllegalArgumentException("period " + period + " must be positive");
    }
    Repeating repeating = new Repeating(command, unit.toNanos(period));
    repeating.next(unit.toNanos(initialDelay));
    return repeating.handle;
  }

  /** A repeated command: each run schedules the next, until cancelled. */
  private final class Repeating implements Runnable {
    private final Runnable command;
    private final long periodNanos;
    private final Scheduled<Void> handle = new Scheduled<>(new FutureTask<>(() -> { }, null));

    Repeating(Runnable command, long periodNanos) {
      this.command = command;
      this.periodNanos = periodNanos;
    }

    void next(long delayNanos) {
      if (!handle.isCancelled()) {
        handle.timer = schedule(new FutureTask<Void>(this, null), delayNanos,
            TimeUnit.NANOSECONDS).timer;
      }
    }

    @Override
    public void run() {
      command.run();
      next(periodNanos);
    }
  }

  @Override
  public void shutdown() {
    throw new UnsupportedOperationException("the simulated gRPC scheduler is shared: never shut"
        + " it down");
  }

  @Override
  public List<Runnable> shutdownNow() {
    shutdown();
    return List.of();
  }

  @Override
  public boolean isShutdown() {
    return false;
  }

  @Override
  public boolean isTerminated() {
    return false;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return false;
  }

  /** The future of a scheduled command: its task, and the timer (or the next one) that runs it. */
  private static final class Scheduled<V> implements ScheduledFuture<V> {
    private final FutureTask<V> task;
    private NodeTimers.Entry timer;

    Scheduled(FutureTask<V> task) {
      this.task = task;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      NodeTimers.Entry current = timer;
      return current == null ? 0 : unit.convert(current.remainingNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    public boolean cancel(boolean mayInterrupt) {
      NodeTimers.Entry current = timer;
      if (current != null) {
        current.cancel();
      }
      return task.cancel(mayInterrupt);
    }

    @Override
    public boolean isCancelled() {
      return task.isCancelled();
    }

    @Override
    public boolean isDone() {
      return task.isDone();
    }

    @Override
    public V get() throws InterruptedException, ExecutionException {
      return task.get();
    }

    @Override
    public V get(long timeout, TimeUnit unit)
        throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
      return task.get(timeout, unit);
    }
  }
}
